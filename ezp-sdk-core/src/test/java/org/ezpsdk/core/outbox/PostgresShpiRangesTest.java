package org.ezpsdk.core.outbox;

import java.nio.file.Path;

class PostgresShpiRangesTest extends ShpiRangesContract {
  @Override
  String url(Path folder) throws Exception {
    return OutboxDatabases.postgres();
  }
}
