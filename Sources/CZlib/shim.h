#include <zlib.h>

/// inflateInit2 and deflateInit2 are macros (they pass the library version and the stream size);
/// Swift cannot call macros.
static inline int czlib_inflate_init2(z_stream *stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

static inline int czlib_deflate_init2(z_stream *stream, int level, int windowBits, int memLevel) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, Z_DEFAULT_STRATEGY);
}
