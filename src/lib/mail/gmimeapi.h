/* mail/gmimeapi.h -- GMime, loaded when the mail round first needs it
 * (dlopen of libgmime-3.0.so.0 by a2_mail_init): linked at start, GMime and
 * what it pulls in (GPGME, Assuan, libidn2, ...) cost every annex2 process
 * about 1 MB of memory, for `read` as much as for `mail` -- enough to push
 * the hostile corpus over its 256 MiB bound.  GLib and GObject are linked as
 * usual.  Files that call GMime include "mail/gmimeapi.h" after
 * <gmime/gmime.h> (with A2_GMIME_REDIRECT defined): every g_mime_* call,
 * also inside GMime's type macros, then goes through the table. */
#ifndef A2_MAIL_GMIMEAPI_H
#define A2_MAIL_GMIMEAPI_H

#include <gmime/gmime.h>

/* Every GMime function annex2 calls. */
#define A2_GMIME_FUNCTIONS(X) \
	X(g_mime_init) \
	X(g_mime_multipart_get_type) X(g_mime_multipart_signed_get_type) X(g_mime_part_get_type) \
	X(g_mime_message_part_get_type) X(g_mime_object_get_type) X(g_mime_stream_mem_get_type) \
	X(internet_address_mailbox_get_type) \
	X(g_mime_content_type_get_media_subtype) \
	X(g_mime_content_type_get_media_type) \
	X(g_mime_content_type_is_type) \
	X(g_mime_data_wrapper_get_stream) \
	X(g_mime_data_wrapper_new_with_stream) \
	X(g_mime_data_wrapper_write_to_stream) \
	X(g_mime_format_options_free) \
	X(g_mime_format_options_new) \
	X(g_mime_format_options_set_newline_format) \
	X(g_mime_header_get_name) \
	X(g_mime_header_get_raw_value) \
	X(g_mime_header_get_value) \
	X(g_mime_header_list_get_count) \
	X(g_mime_header_list_get_header_at) \
	X(g_mime_message_add_mailbox) \
	X(g_mime_message_get_date) \
	X(g_mime_message_get_from) \
	X(g_mime_message_get_message_id) \
	X(g_mime_message_get_mime_part) \
	X(g_mime_message_get_subject) \
	X(g_mime_message_new) \
	X(g_mime_message_part_get_message) \
	X(g_mime_message_set_date) \
	X(g_mime_message_set_message_id) \
	X(g_mime_message_set_mime_part) \
	X(g_mime_message_set_subject) \
	X(g_mime_multipart_add) \
	X(g_mime_multipart_get_count) \
	X(g_mime_multipart_get_part) \
	X(g_mime_multipart_new_with_subtype) \
	X(g_mime_object_get_content_type) \
	X(g_mime_object_get_disposition) \
	X(g_mime_object_get_header) \
	X(g_mime_object_get_header_list) \
	X(g_mime_object_set_header) \
	X(g_mime_object_write_to_stream) \
	X(g_mime_parser_construct_message) \
	X(g_mime_parser_eos) \
	X(g_mime_parser_get_mbox_marker) \
	X(g_mime_parser_get_mbox_marker_offset) \
	X(g_mime_parser_init_with_stream) \
	X(g_mime_parser_new_with_stream) \
	X(g_mime_parser_options_free) \
	X(g_mime_parser_options_new) \
	X(g_mime_parser_options_set_warning_callback) \
	X(g_mime_parser_set_format) \
	X(g_mime_parser_tell) \
	X(g_mime_part_get_content) \
	X(g_mime_part_get_content_encoding) \
	X(g_mime_part_get_filename) \
	X(g_mime_part_new_with_type) \
	X(g_mime_part_set_content) \
	X(g_mime_part_set_content_encoding) \
	X(g_mime_part_set_filename) \
	X(g_mime_stream_file_new) \
	X(g_mime_stream_mem_get_byte_array) \
	X(g_mime_stream_mem_new) \
	X(g_mime_stream_mem_new_with_buffer) \
	X(g_mime_stream_read) \
	X(g_mime_stream_reset) \
	X(g_mime_stream_seek) \
	X(g_mime_text_part_new_with_subtype) \
	X(g_mime_text_part_set_text) \
	X(g_mime_utils_header_decode_date) \
	X(internet_address_get_name) \
	X(internet_address_list_get_address) \
	X(internet_address_list_length) \
	X(internet_address_mailbox_get_addr) \

#define A2_GMIME_FIELD(f) __typeof__(&f) f;
struct a2_gmime_api {
	A2_GMIME_FUNCTIONS(A2_GMIME_FIELD)
};
#undef A2_GMIME_FIELD
/* Set by a2_mail_init() (compose.c); NULL before. */
extern const struct a2_gmime_api *a2_gmime;

#endif

#ifdef A2_GMIME_REDIRECT
#ifndef A2_MAIL_GMIMEAPI_REDIRECT
#define A2_MAIL_GMIMEAPI_REDIRECT
#define g_mime_init (a2_gmime->g_mime_init)
#define g_mime_content_type_get_media_subtype (a2_gmime->g_mime_content_type_get_media_subtype)
#define g_mime_content_type_get_media_type (a2_gmime->g_mime_content_type_get_media_type)
#define g_mime_content_type_is_type (a2_gmime->g_mime_content_type_is_type)
#define g_mime_data_wrapper_get_stream (a2_gmime->g_mime_data_wrapper_get_stream)
#define g_mime_data_wrapper_new_with_stream (a2_gmime->g_mime_data_wrapper_new_with_stream)
#define g_mime_data_wrapper_write_to_stream (a2_gmime->g_mime_data_wrapper_write_to_stream)
#define g_mime_format_options_free (a2_gmime->g_mime_format_options_free)
#define g_mime_format_options_new (a2_gmime->g_mime_format_options_new)
#define g_mime_format_options_set_newline_format (a2_gmime->g_mime_format_options_set_newline_format)
#define g_mime_header_get_name (a2_gmime->g_mime_header_get_name)
#define g_mime_header_get_raw_value (a2_gmime->g_mime_header_get_raw_value)
#define g_mime_header_get_value (a2_gmime->g_mime_header_get_value)
#define g_mime_header_list_get_count (a2_gmime->g_mime_header_list_get_count)
#define g_mime_header_list_get_header_at (a2_gmime->g_mime_header_list_get_header_at)
#define g_mime_message_add_mailbox (a2_gmime->g_mime_message_add_mailbox)
#define g_mime_message_get_date (a2_gmime->g_mime_message_get_date)
#define g_mime_message_get_from (a2_gmime->g_mime_message_get_from)
#define g_mime_message_get_message_id (a2_gmime->g_mime_message_get_message_id)
#define g_mime_message_get_mime_part (a2_gmime->g_mime_message_get_mime_part)
#define g_mime_message_get_subject (a2_gmime->g_mime_message_get_subject)
#define g_mime_message_new (a2_gmime->g_mime_message_new)
#define g_mime_message_part_get_message (a2_gmime->g_mime_message_part_get_message)
#define g_mime_message_part_get_type (a2_gmime->g_mime_message_part_get_type)
#define g_mime_message_set_date (a2_gmime->g_mime_message_set_date)
#define g_mime_message_set_message_id (a2_gmime->g_mime_message_set_message_id)
#define g_mime_message_set_mime_part (a2_gmime->g_mime_message_set_mime_part)
#define g_mime_message_set_subject (a2_gmime->g_mime_message_set_subject)
#define g_mime_multipart_add (a2_gmime->g_mime_multipart_add)
#define g_mime_multipart_get_count (a2_gmime->g_mime_multipart_get_count)
#define g_mime_multipart_get_part (a2_gmime->g_mime_multipart_get_part)
#define g_mime_multipart_get_type (a2_gmime->g_mime_multipart_get_type)
#define g_mime_multipart_new_with_subtype (a2_gmime->g_mime_multipart_new_with_subtype)
#define g_mime_multipart_signed_get_type (a2_gmime->g_mime_multipart_signed_get_type)
#define g_mime_object_get_content_type (a2_gmime->g_mime_object_get_content_type)
#define g_mime_object_get_disposition (a2_gmime->g_mime_object_get_disposition)
#define g_mime_object_get_header (a2_gmime->g_mime_object_get_header)
#define g_mime_object_get_header_list (a2_gmime->g_mime_object_get_header_list)
#define g_mime_object_get_type (a2_gmime->g_mime_object_get_type)
#define g_mime_object_set_header (a2_gmime->g_mime_object_set_header)
#define g_mime_object_write_to_stream (a2_gmime->g_mime_object_write_to_stream)
#define g_mime_parser_construct_message (a2_gmime->g_mime_parser_construct_message)
#define g_mime_parser_eos (a2_gmime->g_mime_parser_eos)
#define g_mime_parser_get_mbox_marker (a2_gmime->g_mime_parser_get_mbox_marker)
#define g_mime_parser_get_mbox_marker_offset (a2_gmime->g_mime_parser_get_mbox_marker_offset)
#define g_mime_parser_init_with_stream (a2_gmime->g_mime_parser_init_with_stream)
#define g_mime_parser_new_with_stream (a2_gmime->g_mime_parser_new_with_stream)
#define g_mime_parser_options_free (a2_gmime->g_mime_parser_options_free)
#define g_mime_parser_options_new (a2_gmime->g_mime_parser_options_new)
#define g_mime_parser_options_set_warning_callback (a2_gmime->g_mime_parser_options_set_warning_callback)
#define g_mime_parser_set_format (a2_gmime->g_mime_parser_set_format)
#define g_mime_parser_tell (a2_gmime->g_mime_parser_tell)
#define g_mime_part_get_content (a2_gmime->g_mime_part_get_content)
#define g_mime_part_get_content_encoding (a2_gmime->g_mime_part_get_content_encoding)
#define g_mime_part_get_filename (a2_gmime->g_mime_part_get_filename)
#define g_mime_part_get_type (a2_gmime->g_mime_part_get_type)
#define g_mime_part_new_with_type (a2_gmime->g_mime_part_new_with_type)
#define g_mime_part_set_content (a2_gmime->g_mime_part_set_content)
#define g_mime_part_set_content_encoding (a2_gmime->g_mime_part_set_content_encoding)
#define g_mime_part_set_filename (a2_gmime->g_mime_part_set_filename)
#define g_mime_stream_file_new (a2_gmime->g_mime_stream_file_new)
#define g_mime_stream_mem_get_byte_array (a2_gmime->g_mime_stream_mem_get_byte_array)
#define g_mime_stream_mem_get_type (a2_gmime->g_mime_stream_mem_get_type)
#define g_mime_stream_mem_new (a2_gmime->g_mime_stream_mem_new)
#define g_mime_stream_mem_new_with_buffer (a2_gmime->g_mime_stream_mem_new_with_buffer)
#define g_mime_stream_read (a2_gmime->g_mime_stream_read)
#define g_mime_stream_reset (a2_gmime->g_mime_stream_reset)
#define g_mime_stream_seek (a2_gmime->g_mime_stream_seek)
#define g_mime_text_part_new_with_subtype (a2_gmime->g_mime_text_part_new_with_subtype)
#define g_mime_text_part_set_text (a2_gmime->g_mime_text_part_set_text)
#define g_mime_utils_header_decode_date (a2_gmime->g_mime_utils_header_decode_date)
#define internet_address_get_name (a2_gmime->internet_address_get_name)
#define internet_address_list_get_address (a2_gmime->internet_address_list_get_address)
#define internet_address_list_length (a2_gmime->internet_address_list_length)
#define internet_address_mailbox_get_addr (a2_gmime->internet_address_mailbox_get_addr)
#define internet_address_mailbox_get_type (a2_gmime->internet_address_mailbox_get_type)
#endif
#endif
