package org.ezpsdk.core.wire;

import java.util.List;
import org.ezpsdk.core.model.LetterInfo;

/**
 * The body of {@code GET api/v1/letters?barcode=…} and {@code GET api/v1/letters?idempotencyKey=…}
 * in wire profile v1.
 */
public record LetterList(List<LetterInfo> letters) {
  public LetterList {
    letters = letters == null ? List.of() : List.copyOf(letters);
  }
}
