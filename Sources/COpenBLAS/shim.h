// OpenBLAS (CBLAS) and LAPACKE (Debian: libopenblas-dev liblapacke-dev), reached through a systemLibrary target.
#include <cblas.h>
#include <lapacke.h>

// Ends OpenBLAS's worker threads (exported by libopenblas, declared in no public header).
int blas_thread_shutdown_(void);
