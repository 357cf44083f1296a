package org.ezpsdk.core.outbox;

import java.nio.file.Path;

class SqliteOutboxStoreTest extends OutboxStoreContract {
  @Override
  String url(Path folder) {
    return OutboxDatabases.sqlite(folder);
  }
}
