#include <zlib.h>

/// inflateInit is a macro (it passes the library version and the stream size); Swift cannot call macros.
static inline int czlib_inflate_init(z_stream *stream) {
    return inflateInit(stream);
}
