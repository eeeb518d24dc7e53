/* form/blobs.h -- data built into the library (see data.S). */
#ifndef A2_FORM_BLOBS_H
#define A2_FORM_BLOBS_H

extern const char a2_blob_schema[], a2_blob_schema_end[];
extern const char a2_blob_c195[], a2_blob_c195_end[];
extern const char a2_blob_members[], a2_blob_members_end[];
extern const char a2_blob_others[], a2_blob_others_end[];

#define A2_BLOB_LEN(sym) ((size_t)(sym##_end - sym))

#endif
