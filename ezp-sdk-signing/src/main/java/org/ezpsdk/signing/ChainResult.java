package org.ezpsdk.signing;

import java.util.Objects;

/**
 * Outcome of validating the signer's certificate path against the trust anchors that the caller
 * gave the verifier, at the signing time (or, without one, at the verification time). Revocation is
 * not checked.
 *
 * @param status the outcome
 * @param reason what failed, with the certificate and times involved; empty when trusted and a
 *     short note when not checked
 */
public record ChainResult(Status status, String reason) {

  public ChainResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
  }

  /** Outcomes of the certificate path check. */
  public enum Status {
    /** The verifier has no trust anchors, or the signer's certificate is unknown. */
    NOT_CHECKED,
    /** The path from the signer's certificate to a trust anchor validates. */
    TRUSTED,
    /** A certificate of the path had expired at the evaluation time. */
    EXPIRED,
    /** A certificate of the path was not yet valid at the evaluation time. */
    NOT_YET_VALID,
    /** The signer's certificate has neither digitalSignature nor nonRepudiation key usage. */
    WRONG_KEY_USAGE,
    /** No trust anchor issued the path: the issuer is unknown or not trusted. */
    UNTRUSTED_ISSUER,
    /** The path does not validate for another reason, such as a bad certificate signature. */
    INVALID_PATH
  }

  static ChainResult notChecked(String reason) {
    return new ChainResult(Status.NOT_CHECKED, reason);
  }

  /** Returns whether the path validated. */
  public boolean trusted() {
    return status == Status.TRUSTED;
  }

  /** Returns whether the path was checked and failed. */
  public boolean failed() {
    return status != Status.TRUSTED && status != Status.NOT_CHECKED;
  }
}
