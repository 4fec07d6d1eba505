#ifndef ATTEST_CRSVG_SHIM_H
#define ATTEST_CRSVG_SHIM_H
#include <librsvg/rsvg.h>

/* The GError's message, or NULL; and freeing both objects without GLib macros in Swift. */
static inline const char *attest_gerror_message(GError *error) { return error ? error->message : 0; }
static inline void attest_gerror_free(GError *error) { if (error) g_error_free(error); }
static inline void attest_rsvg_handle_free(RsvgHandle *handle) { if (handle) g_object_unref(handle); }
#endif
