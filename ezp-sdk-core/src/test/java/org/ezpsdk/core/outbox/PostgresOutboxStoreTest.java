package org.ezpsdk.core.outbox;

import java.nio.file.Path;

class PostgresOutboxStoreTest extends OutboxStoreContract {
  @Override
  String url(Path folder) throws Exception {
    return OutboxDatabases.postgres();
  }
}
