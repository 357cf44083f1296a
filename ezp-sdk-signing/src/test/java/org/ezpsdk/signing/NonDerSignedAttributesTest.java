package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DLSequence;
import org.bouncycastle.asn1.DLSet;
import org.bouncycastle.asn1.DLTaggedObject;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.ezpsdk.signing.VerificationResult.Failure;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.junit.jupiter.api.Test;

/**
 * Signatures whose signed attributes are not DER-encoded: built by hand with Bouncy Castle's ASN.1
 * classes, with the SET OF attributes in reverse DER order and the whole CMS in definite-length
 * (not DER) encoding, so the order survives.
 */
class NonDerSignedAttributesTest {
  private static final byte[] CONTENT = "letter body".getBytes(StandardCharsets.UTF_8);
  private static final SigningCredentials SIGNER =
      TestKeys.generate(GostParameterSet.TC26_256_A, "Unsorted signer", Duration.ofDays(1));

  private final CadesVerifier verifier = CadesVerifier.create();

  @Test
  void reportsUnsortedAttributesSignedAsEncoded() throws Exception {
    byte[] cms = unsortedCms(SignedForm.AS_ENCODED);

    VerificationResult result = verify(cms);

    assertThat(result.failure()).isEqualTo(Failure.SIGNED_ATTRIBUTES_NOT_DER);
    assertThat(result.failureReason()).contains("not DER-encoded");
    assertThat(result.failureReason()).contains("verifies over the bytes as encoded");
    assertThat(result.signatureValueValid()).isTrue();
    assertThat(result.contentDigestMatches()).isTrue();
  }

  @Test
  void reportsUnsortedAttributesSignedInDerForm() throws Exception {
    byte[] cms = unsortedCms(SignedForm.DER);

    VerificationResult result = verify(cms);

    assertThat(result.failure()).isEqualTo(Failure.SIGNED_ATTRIBUTES_NOT_DER);
    assertThat(result.failureReason()).contains("verifies over their DER form");
  }

  @Test
  void reportsBrokenSignatureOverUnsortedAttributesAsInvalid() throws Exception {
    byte[] cms = unsortedCms(SignedForm.NEITHER);

    VerificationResult result = verify(cms);

    assertThat(result.failure()).isEqualTo(Failure.SIGNATURE_INVALID);
    assertThat(result.failureReason()).contains("not DER-encoded either");
    assertThat(result.signatureValueValid()).isFalse();
  }

  @Test
  void acceptsSameAttributesInDerOrder() throws Exception {
    byte[] cms = CadesSigner.of(SIGNER).signDetached(new ByteArrayInputStream(CONTENT));

    VerificationResult result = verify(cms);

    assertThat(result.valid()).isTrue();
  }

  private VerificationResult verify(byte[] cms) throws IOException {
    return verifier.verifyDetached(new ByteArrayInputStream(CONTENT), cms);
  }

  /** Which encoding of the signed attributes the signature value covers. */
  private enum SignedForm {
    AS_ENCODED,
    DER,
    NEITHER
  }

  /** Re-signs an SDK signature with its signed attributes in reverse DER order. */
  private static byte[] unsortedCms(SignedForm form) throws Exception {
    byte[] sorted = CadesSigner.of(SIGNER).signDetached(new ByteArrayInputStream(CONTENT));
    SignedData signedData = CadesSignerTest.signedData(sorted);
    SignerInfo info = CadesSignerTest.signerInfo(sorted);

    ASN1Set derAttributes = info.getAuthenticatedAttributes();
    ASN1EncodableVector reversed = new ASN1EncodableVector();
    for (int i = derAttributes.size() - 1; i >= 0; i--) {
      reversed.add(derAttributes.getObjectAt(i));
    }
    DLSet unsorted = new DLSet(reversed);
    byte[] signedBytes =
        form == SignedForm.DER
            ? unsorted.getEncoded(ASN1Encoding.DER)
            : unsorted.getEncoded(ASN1Encoding.DL);
    byte[] value = sign(signedBytes);
    if (form == SignedForm.NEITHER) {
      value[5] ^= 1;
    }

    DLSequence signerInfo =
        new DLSequence(
            new ASN1Encodable[] {
              info.getVersion(),
              info.getSID(),
              info.getDigestAlgorithm(),
              new DLTaggedObject(false, 0, unsorted),
              info.getDigestEncryptionAlgorithm(),
              new DEROctetString(value)
            });
    DLSequence newSignedData =
        new DLSequence(
            new ASN1Encodable[] {
              new ASN1Integer(1),
              signedData.getDigestAlgorithms(),
              signedData.getEncapContentInfo(),
              new DLTaggedObject(false, 0, signedData.getCertificates()),
              new DLSet(signerInfo)
            });
    DLSequence contentInfo =
        new DLSequence(
            new ASN1Encodable[] {
              CMSObjectIdentifiers.signedData, new DLTaggedObject(true, 0, newSignedData)
            });
    assertThat(unsorted.getEncoded(ASN1Encoding.DL))
        .as("reversed attributes differ from their DER order")
        .isNotEqualTo(unsorted.getEncoded(ASN1Encoding.DER));
    return contentInfo.getEncoded(ASN1Encoding.DL);
  }

  private static byte[] sign(byte[] data) throws GeneralSecurityException {
    Signature signature =
        Signature.getInstance("GOST3411-2012-256WITHECGOST3410-2012-256", BouncyCastle.provider());
    signature.initSign(SIGNER.privateKey());
    signature.update(data);
    return signature.sign();
  }
}
