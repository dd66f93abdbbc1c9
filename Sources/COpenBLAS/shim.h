// OpenBLAS (CBLAS) and LAPACKE (Debian: libopenblas-dev liblapacke-dev), reached through a systemLibrary target.
#include <cblas.h>
#include <lapacke.h>
