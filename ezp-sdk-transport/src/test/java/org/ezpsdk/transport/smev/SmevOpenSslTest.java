package org.ezpsdk.transport.smev;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.ezpsdk.signing.GostParameterSet;
import org.ezpsdk.signing.OpenSsl;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.signing.TestKeys;
import org.ezpsdk.transport.smev.internal.Dom;
import org.ezpsdk.transport.smev.internal.RequestEnvelopes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * OpenSSL's gost-engine, a second GOST implementation, checks the ЭП-ОВ: the SignatureValue
 * verifies as written (s‖r) over the canonical SignedInfo, the byte-reversed value does not, and
 * the DigestValue equals Streebog over the СМЭВ transform's output.
 */
class SmevOpenSslTest {
  @TempDir Path dir;
  private OpenSsl openSsl;

  @BeforeEach
  void setUp() throws Exception {
    openSsl = OpenSsl.withGostEngine(dir);
  }

  @ParameterizedTest
  @EnumSource(
      value = GostParameterSet.class,
      names = {"TC26_256_A", "TC26_512_A"})
  void openSslVerifiesSignatureValueAsWritten(GostParameterSet parameterSet) throws Exception {
    Signed signed = sign(parameterSet);

    Files.write(dir.resolve("sig.bin"), signed.signatureValue);
    OpenSsl.Result result = verify(parameterSet, "sig.bin");

    assertThat(result.output()).contains("Verified OK");
    assertThat(result.exitCode()).isZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = GostParameterSet.class,
      names = {"TC26_256_A", "TC26_512_A"})
  void openSslRejectsReversedSignatureValue(GostParameterSet parameterSet) throws Exception {
    Signed signed = sign(parameterSet);

    Files.write(dir.resolve("reversed.bin"), reverse(signed.signatureValue));
    OpenSsl.Result result = verify(parameterSet, "reversed.bin");

    assertThat(result.exitCode()).as(result.output()).isNotZero();
  }

  @ParameterizedTest
  @EnumSource(
      value = GostParameterSet.class,
      names = {"TC26_256_A", "TC26_512_A"})
  void digestValueIsStreebogOfTransformOutput(GostParameterSet parameterSet) throws Exception {
    Signed signed = sign(parameterSet);
    ByteArrayOutputStream canonical = new ByteArrayOutputStream();
    Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
        .canonicalizeSubtree(signed.target, canonical);
    Path transformed =
        Files.write(dir.resolve("transformed.bin"), SmevTransform.apply(canonical.toByteArray()));
    Path digest = dir.resolve("digest.bin");

    openSsl.runOk(
        "dgst",
        "-" + digestName(parameterSet),
        "-binary",
        "-out",
        digest.toString(),
        transformed.toString());

    assertThat(Files.readAllBytes(digest)).isEqualTo(signed.digestValue);
  }

  private OpenSsl.Result verify(GostParameterSet parameterSet, String signatureFile)
      throws Exception {
    return openSsl.run(
        "dgst",
        "-" + digestName(parameterSet),
        "-verify",
        dir.resolve("pub.pem").toString(),
        "-signature",
        dir.resolve(signatureFile).toString(),
        dir.resolve("signedinfo.bin").toString());
  }

  private Signed sign(GostParameterSet parameterSet) throws Exception {
    SigningCredentials key = TestKeys.generate(parameterSet, "ИС", Duration.ofDays(1));
    Document envelope =
        new RequestEnvelopes(SmevVersion.V1_3, key)
            .ackRequest("4e7a2b1c-0b8e-11ee-8000-0242ac120002", true);
    // Verify what goes on the wire: the serialised envelope parsed again.
    SmevMessage message =
        SmevMessage.read(
            new java.io.ByteArrayInputStream(Dom.serialize(envelope)), "text/xml", dir);
    Element signature =
        (Element)
            message.payload().getElementsByTagNameNS(SmevSignatures.DSIG_NS, "Signature").item(0);
    assertThat(
            SmevSignatures.verify((Element) signature.getParentNode(), message.signedBlock())
                .valid())
        .isTrue();
    XMLSignature parsed = new XMLSignature(signature, "");
    Files.write(
        dir.resolve("signedinfo.bin"), parsed.getSignedInfo().getCanonicalizedOctetStream());
    Path cert = dir.resolve("cert.pem");
    TestKeys.writePem(key, dir.resolve("key.pem"), cert, null);
    openSsl.runOk(
        "x509",
        "-in",
        cert.toString(),
        "-pubkey",
        "-noout",
        "-out",
        dir.resolve("pub.pem").toString());
    String digestText =
        signature
            .getElementsByTagNameNS(SmevSignatures.DSIG_NS, "DigestValue")
            .item(0)
            .getTextContent();
    String valueText =
        signature
            .getElementsByTagNameNS(SmevSignatures.DSIG_NS, "SignatureValue")
            .item(0)
            .getTextContent();
    return new Signed(
        message.signedBlock(),
        Base64.getDecoder().decode(digestText),
        Base64.getDecoder().decode(valueText));
  }

  private static String digestName(GostParameterSet parameterSet) {
    return parameterSet.keySize() == 256 ? "md_gost12_256" : "md_gost12_512";
  }

  private static byte[] reverse(byte[] bytes) {
    byte[] reversed = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      reversed[i] = bytes[bytes.length - 1 - i];
    }
    return reversed;
  }

  private record Signed(Element target, byte[] digestValue, byte[] signatureValue) {}
}
