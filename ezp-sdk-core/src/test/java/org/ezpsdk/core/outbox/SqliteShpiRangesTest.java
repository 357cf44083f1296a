package org.ezpsdk.core.outbox;

import java.nio.file.Path;

class SqliteShpiRangesTest extends ShpiRangesContract {
  @Override
  String url(Path folder) {
    return OutboxDatabases.sqlite(folder);
  }
}
