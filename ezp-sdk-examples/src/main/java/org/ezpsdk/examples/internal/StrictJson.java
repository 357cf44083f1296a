package org.ezpsdk.examples.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.ezpsdk.core.wire.WireProfileV1;

/**
 * The JSON mapper for letters and requests that people write: wire profile v1's mapper, but an
 * unknown field, a fraction for a whole number and a number for true or false are errors. The
 * profile's mapper ignores unknown fields, and Jackson 2's defaults read {@code "mailRank": 4.7} as
 * 4 and {@code "electronicNotice": 1} as true, so a letter would be sent with values its author did
 * not write. The class is not part of the SDK's API.
 */
public final class StrictJson {
  private static final ObjectMapper MAPPER = strictCopy(WireProfileV1.objectMapper());

  private StrictJson() {}

  /** Returns the strict mapper; shared and thread-safe, do not reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper strictCopy(ObjectMapper base) {
    ObjectMapper mapper =
        base.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper
        .coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    return mapper;
  }
}
