// A cache prefetch hint for Swift, which has no intrinsic for it. The broker asks for the
// columns of the next bar it must stop at while it marks the quiet bars before it.
static inline void nzs_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }
