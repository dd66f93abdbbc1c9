import NZCLIKit

// The `nzs` executable: everything lives in NZCLIKit so tests can run commands in-process.
NZSEntryPoint.main()
