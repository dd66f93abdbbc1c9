// System compression libraries for Parquet pages (Debian: libzstd-dev, zlib1g-dev).
#include <zstd.h>
#include <zlib.h>
