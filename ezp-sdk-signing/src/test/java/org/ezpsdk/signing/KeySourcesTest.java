package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.List;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.cryptopro.GOST3410PublicKeyAlgParameters;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.CertBag;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeySourcesTest {
  private static final byte[] CONTENT = "letter body".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @Test
  void loadsPlainPem() throws IOException {
    SigningCredentials original = generate(GostParameterSet.TC26_256_A);
    TestKeys.writePem(original, key(), cert(), null);

    SigningCredentials loaded = KeySources.fromPem(key(), cert(), null);

    assertThat(Files.readString(key())).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(loaded.certificate()).isEqualTo(original.certificate());
    assertThat(signsVerifiably(loaded)).isTrue();
  }

  @Test
  void loadsEncryptedPem() throws IOException {
    SigningCredentials original = generate(GostParameterSet.TC26_512_B);
    TestKeys.writePem(original, key(), cert(), "pem secret".toCharArray());

    SigningCredentials loaded = KeySources.fromPem(key(), cert(), "pem secret".toCharArray());

    assertThat(Files.readString(key())).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
    assertThat(loaded.keySize()).isEqualTo(512);
    assertThat(signsVerifiably(loaded)).isTrue();
  }

  @Test
  void loadsBouncyCastlePkcs12() throws IOException {
    SigningCredentials original = generate(GostParameterSet.CRYPTOPRO_B);
    Path pkcs12 = dir.resolve("signer.p12");
    TestKeys.writePkcs12(original, pkcs12, "p12 secret".toCharArray(), "signer");

    SigningCredentials loaded = KeySources.fromPkcs12(pkcs12, "p12 secret".toCharArray(), null);

    assertThat(loaded.certificate()).isEqualTo(original.certificate());
    assertThat(signsVerifiably(loaded)).isTrue();
  }

  @Test
  void loadsPkcs12EntryByAlias() throws IOException {
    SigningCredentials original = generate(GostParameterSet.TC26_256_C);
    Path pkcs12 = dir.resolve("signer.p12");
    TestKeys.writePkcs12(original, pkcs12, "p12 secret".toCharArray(), "signer");

    SigningCredentials loaded = KeySources.fromPkcs12(pkcs12, "p12 secret".toCharArray(), "signer");

    assertThat(loaded.certificate()).isEqualTo(original.certificate());
  }

  @Test
  void rejectsUnknownPkcs12Alias() {
    SigningCredentials original = generate(GostParameterSet.TC26_256_C);
    Path pkcs12 = dir.resolve("signer.p12");
    TestKeys.writePkcs12(original, pkcs12, "p12 secret".toCharArray(), "signer");

    assertThatThrownBy(() -> KeySources.fromPkcs12(pkcs12, "p12 secret".toCharArray(), "other"))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Key alias 'other' not found")
        .hasMessageContaining("[signer]");
  }

  @Test
  void loadsDerPkcs8() throws IOException {
    SigningCredentials original = generate(GostParameterSet.TC26_256_B);
    Files.write(key(), original.privateKey().getEncoded());
    TestKeys.writePem(original, dir.resolve("unused.pem"), cert(), null);

    SigningCredentials loaded = KeySources.fromPem(key(), cert(), null);

    assertThat(signsVerifiably(loaded)).isTrue();
  }

  @ParameterizedTest
  @EnumSource(GostParameterSet.class)
  void loadsKeyWithoutDigestParameterSet(GostParameterSet parameterSet) throws Exception {
    SigningCredentials original = generate(parameterSet);
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(original.privateKey().getEncoded());
    GOST3410PublicKeyAlgParameters parameters =
        GOST3410PublicKeyAlgParameters.getInstance(info.getPrivateKeyAlgorithm().getParameters());
    ASN1EncodableVector curveOnly = new ASN1EncodableVector();
    curveOnly.add(parameters.getPublicKeyParamSet());
    PrivateKeyInfo withoutDigest =
        new PrivateKeyInfo(
            new AlgorithmIdentifier(
                info.getPrivateKeyAlgorithm().getAlgorithm(), new DERSequence(curveOnly)),
            info.parsePrivateKey());
    writePem(key(), "PRIVATE KEY", withoutDigest.getEncoded(ASN1Encoding.DER));
    TestKeys.writePem(original, dir.resolve("unused.pem"), cert(), null);

    SigningCredentials loaded = KeySources.fromPem(key(), cert(), null);

    assertThat(withoutDigest.getPrivateKeyAlgorithm().getParameters().toASN1Primitive())
        .isEqualTo(new DERSequence(curveOnly));
    assertThat(loaded.keySize()).isEqualTo(parameterSet.keySize());
    assertThat(signsVerifiably(loaded)).isTrue();
  }

  @Test
  void picksSignerCertificateFromChainFile() throws IOException {
    SigningCredentials issuer = generate(GostParameterSet.TC26_256_A);
    SigningCredentials signer = generate(GostParameterSet.TC26_256_A);
    TestKeys.writePem(signer, key(), dir.resolve("signer.pem"), null);
    TestKeys.writePem(issuer, dir.resolve("unused.pem"), dir.resolve("issuer.pem"), null);
    Files.writeString(
        cert(),
        Files.readString(dir.resolve("issuer.pem")) + Files.readString(dir.resolve("signer.pem")));

    SigningCredentials loaded = KeySources.fromPem(key(), cert(), null);

    assertThat(loaded.certificate()).isEqualTo(signer.certificate());
    assertThat(loaded.chain()).containsExactly(issuer.certificate());
  }

  @Test
  void rejectsWrongPemPassword() {
    TestKeys.writePem(
        generate(GostParameterSet.TC26_256_A), key(), cert(), "right secret".toCharArray());

    assertThatThrownBy(() -> KeySources.fromPem(key(), cert(), "wrong guess".toCharArray()))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Wrong password for key file '" + key() + "'")
        .hasMessageNotContaining("wrong guess")
        .hasMessageNotContaining("right secret");
  }

  @Test
  void rejectsWrongPkcs12Password() {
    Path pkcs12 = dir.resolve("signer.p12");
    TestKeys.writePkcs12(
        generate(GostParameterSet.TC26_256_A), pkcs12, "right secret".toCharArray(), "signer");

    assertThatThrownBy(() -> KeySources.fromPkcs12(pkcs12, "wrong guess".toCharArray(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Wrong password for key file '" + pkcs12 + "'")
        .hasMessageNotContaining("wrong guess")
        .hasMessageNotContaining("right secret");
  }

  @Test
  void pkcs12WithoutPasswordAsksForOne() {
    Path pkcs12 = dir.resolve("signer.p12");
    TestKeys.writePkcs12(
        generate(GostParameterSet.TC26_256_A), pkcs12, "right secret".toCharArray(), "signer");

    assertThatThrownBy(() -> KeySources.fromPkcs12(pkcs12, null, null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("is protected by a password and none was given")
        .hasMessageNotContaining("right secret");
  }

  @Test
  void rejectsEncryptedPemWithoutPassword() {
    TestKeys.writePem(
        generate(GostParameterSet.TC26_256_A), key(), cert(), "right secret".toCharArray());

    assertThatThrownBy(() -> KeySources.fromPem(key(), cert(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining(key().toString())
        .hasMessageContaining("encrypted")
        .hasMessageContaining("no password was given");
  }

  @Test
  void rejectsCertificateOfAnotherKey() {
    SigningCredentials keyOwner = generate(GostParameterSet.TC26_256_A);
    SigningCredentials stranger =
        TestKeys.generate(GostParameterSet.TC26_256_A, "Stranger", Duration.ofDays(1));
    TestKeys.writePem(keyOwner, key(), dir.resolve("own.pem"), null);
    TestKeys.writePem(stranger, dir.resolve("unused.pem"), cert(), null);

    assertThatThrownBy(() -> KeySources.fromPem(key(), cert(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("CN=Stranger")
        .hasMessageContaining("does not belong to the private key");
  }

  @Test
  void rejectsUnknownKeyFormat() throws IOException {
    Files.writeString(key(), "just some text\n");
    TestKeys.writePem(generate(GostParameterSet.TC26_256_A), dir.resolve("k.pem"), cert(), null);

    assertThatThrownBy(() -> KeySources.fromPem(key(), cert(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining(key().toString())
        .hasMessageContaining("unknown format")
        .hasMessageContaining("PKCS#8 PEM");
  }

  @Test
  void rejectsPkcs12PassedAsPem() throws IOException {
    SigningCredentials credentials = generate(GostParameterSet.TC26_256_A);
    TestKeys.writePkcs12(credentials, key(), "p12 secret".toCharArray(), "signer");
    TestKeys.writePem(credentials, dir.resolve("k.pem"), cert(), null);

    assertThatThrownBy(() -> KeySources.fromPem(key(), cert(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("is a PKCS#12 file")
        .hasMessageContaining("KeySources.fromPkcs12");
  }

  @Test
  void rejectsNonPkcs12File() throws IOException {
    Files.writeString(key(), "not a pfx");

    assertThatThrownBy(() -> KeySources.fromPkcs12(key(), "x".toCharArray(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining(key().toString())
        .hasMessageContaining("not a PKCS#12");
  }

  @Test
  void explainsCryptoProNativePfx() throws IOException {
    Path pfx = dir.resolve("cryptopro.pfx");
    Files.write(pfx, cryptoProStylePfx(null));

    assertThatThrownBy(() -> KeySources.fromPkcs12(pfx, "secret".toCharArray(), null))
        .isInstanceOf(UnsupportedKeyFormatException.class)
        .hasMessageContaining(pfx.toString())
        .hasMessageContaining("CryptoPro CSP")
        .hasMessageContaining("1.2.840.113549.1.12.1.80")
        .hasMessageContaining("compatible with OpenSSL")
        .hasMessageContaining("KeySources.readCertificates")
        .extracting(e -> ((UnsupportedKeyFormatException) e).format())
        .isEqualTo(UnsupportedKeyFormatException.Format.CRYPTOPRO_CSP_PFX);
  }

  @Test
  void readsCertificatesOfCryptoProNativePfx() throws IOException {
    SigningCredentials owner = generate(GostParameterSet.TC26_256_A);
    Path pfx = dir.resolve("cryptopro.pfx");
    Files.write(pfx, cryptoProStylePfx(owner));

    List<java.security.cert.X509Certificate> certificates =
        KeySources.readCertificates(pfx, "secret".toCharArray());

    assertThat(certificates).containsExactly(owner.certificate());
  }

  @Test
  void readsCertificatesOfPasswordProtectedPkcs12() {
    SigningCredentials original = generate(GostParameterSet.TC26_256_B);
    Path pkcs12 = dir.resolve("signer.p12");
    TestKeys.writePkcs12(original, pkcs12, "p12 secret".toCharArray(), "signer");

    assertThat(KeySources.readCertificates(pkcs12, "p12 secret".toCharArray()))
        .containsExactly(original.certificate());
    assertThatThrownBy(() -> KeySources.readCertificates(pkcs12, "wrong guess".toCharArray()))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Wrong password");
  }

  @Test
  void rejectsNonGostKey() throws Exception {
    java.security.KeyPairGenerator rsa = java.security.KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    PrivateKey rsaKey = rsa.generateKeyPair().getPrivate();
    writePem(key(), "PRIVATE KEY", rsaKey.getEncoded());
    TestKeys.writePem(generate(GostParameterSet.TC26_256_A), dir.resolve("k.pem"), cert(), null);

    assertThatThrownBy(() -> KeySources.fromPem(key(), cert(), null))
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("'RSA' is not GOST R 34.10-2012");
  }

  @Test
  void generatedKeyRoundTripsThroughKeyFactory() throws Exception {
    SigningCredentials original = generate(GostParameterSet.CRYPTOPRO_XCHB);
    KeyFactory factory = KeyFactory.getInstance("ECGOST3410-2012", BouncyCastle.provider());

    PrivateKey decoded =
        factory.generatePrivate(new PKCS8EncodedKeySpec(original.privateKey().getEncoded()));

    assertThat(SigningCredentials.of(decoded, original.certificate()).keySize()).isEqualTo(256);
  }

  /**
   * Builds a PFX shaped like CryptoPro CSP's own export: a key bag under PBE OID ...12.1.80 and,
   * when an owner is given, a plain certificate bag with the owner's certificate.
   */
  private static byte[] cryptoProStylePfx(SigningCredentials owner) throws IOException {
    AlgorithmIdentifier cryptoProPbe =
        new AlgorithmIdentifier(
            new ASN1ObjectIdentifier("1.2.840.113549.1.12.1.80"),
            new DERSequence(
                new org.bouncycastle.asn1.ASN1Encodable[] {
                  new DEROctetString(new byte[8]), new ASN1Integer(2000)
                }));
    EncryptedPrivateKeyInfo encryptedKey = new EncryptedPrivateKeyInfo(cryptoProPbe, new byte[64]);
    SafeBag keyBag = new SafeBag(PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, encryptedKey);
    ASN1EncodableVector bagList = new ASN1EncodableVector();
    bagList.add(keyBag);
    if (owner != null) {
      try {
        CertBag certBag =
            new CertBag(
                PKCSObjectIdentifiers.x509Certificate,
                new DEROctetString(owner.certificate().getEncoded()));
        bagList.add(new SafeBag(PKCSObjectIdentifiers.certBag, certBag));
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IOException(e);
      }
    }
    byte[] bags = new DERSequence(bagList).getEncoded(ASN1Encoding.DER);
    ContentInfo keyContent = new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(bags));
    byte[] safe = new AuthenticatedSafe(new ContentInfo[] {keyContent}).getEncoded();
    ContentInfo authSafe = new ContentInfo(PKCSObjectIdentifiers.data, new DEROctetString(safe));
    return new Pfx(authSafe, null).getEncoded(ASN1Encoding.DER);
  }

  private static void writePem(Path file, String type, byte[] der) throws IOException {
    try (PemWriter writer = new PemWriter(Files.newBufferedWriter(file))) {
      writer.writeObject(new PemObject(type, der));
    }
  }

  private static SigningCredentials generate(GostParameterSet parameterSet) {
    return TestKeys.generate(parameterSet, "Key owner " + parameterSet, Duration.ofDays(1));
  }

  private static boolean signsVerifiably(SigningCredentials credentials) throws IOException {
    byte[] signature = CadesSigner.of(credentials).signDetached(new ByteArrayInputStream(CONTENT));
    return CadesVerifier.create()
        .verifyDetached(new ByteArrayInputStream(CONTENT), signature)
        .valid();
  }

  private Path key() {
    return dir.resolve("key.pem");
  }

  private Path cert() {
    return dir.resolve("cert.pem");
  }
}
