/* form/data.S -- the shipped data built into the library, so that the
 * program works from any folder: the consultation schema, Circular 195,
 * and the Member State tables.  Each blob is NUL-terminated; its length is
 * given by the matching _end symbol. */
#define BLOB(sym, file)            \
	.global sym;               \
	.global sym##_end;         \
	.balign 16;                \
sym:	.incbin file;              \
sym##_end:	.byte 0

	.section .rodata
BLOB(a2_blob_schema, "forms/consultation.rng")
BLOB(a2_blob_c195, "forms/tsb-circular-195.xml")
BLOB(a2_blob_members, "forms/member-states.tsv")
BLOB(a2_blob_others, "forms/non-member-entities.tsv")

	.section .note.GNU-stack,"",@progbits
