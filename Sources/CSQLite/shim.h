// The system SQLite (Debian: libsqlite3-dev), reached through a systemLibrary target.
#include <sqlite3.h>
