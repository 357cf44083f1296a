package org.ezpsdk.signing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.ezpsdk.signing.internal.GostAlgorithm;

/**
 * For tests only: makes GOST R 34.10-2012 keys with self-signed certificates and writes them as PEM
 * or PKCS#12. No CA has issued these certificates, so Russian Post or any other relying party will
 * not accept signatures made with them; use them against the SDK's emulator and in unit tests.
 *
 * <p>The certificates are X.509 v3 with keyUsage digitalSignature and nonRepudiation (critical),
 * basicConstraints CA:false (critical) and a subject key identifier; {@link #generateCa} and {@link
 * #issue} make a test CA and certificates issued by it. OpenSSL 3.0 accepts such a certificate as
 * its own trust anchor: {@code openssl cms -verify -CAfile cert.pem} succeeds.
 */
public final class TestKeys {
  private static final int PBKDF2_ITERATIONS = 10_000;

  /** Bouncy Castle's PKCS#12 with PBES2: AES-256 for the key, AES-128 for the certificates. */
  private static final String PKCS12_TYPE = "PKCS12-AES256-AES128";

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestKeys() {}

  /** Returns the start of validity for new test certificates, a minute back to allow clock skew. */
  private static Instant aMinuteAgo() {
    return Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
  }

  /**
   * Generates a key on the given curve and a self-signed certificate valid from one minute ago (to
   * tolerate clock skew) for {@code validity}.
   */
  public static SigningCredentials generate(
      GostParameterSet parameterSet, String commonName, Duration validity) {
    Instant notBefore = aMinuteAgo();
    return generate(parameterSet, commonName, notBefore, notBefore.plus(validity));
  }

  /**
   * Generates a key and a self-signed certificate valid between the given instants, which may lie
   * in the past or the future (for tests of expired or not yet valid certificates).
   */
  public static SigningCredentials generate(
      GostParameterSet parameterSet, String commonName, Instant notBefore, Instant notAfter) {
    return selfSigned(
        parameterSet,
        commonName,
        notBefore,
        notAfter,
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation,
        false);
  }

  /**
   * Generates a test certification authority: a key and a self-signed CA certificate (keyUsage
   * keyCertSign and cRLSign, basicConstraints CA:true) valid from one minute ago for {@code
   * validity}. Use it with {@link #issue} and as a trust anchor.
   */
  public static SigningCredentials generateCa(
      GostParameterSet parameterSet, String commonName, Duration validity) {
    Instant notBefore = aMinuteAgo();
    return generateCa(parameterSet, commonName, notBefore, notBefore.plus(validity));
  }

  /** Generates a test certification authority valid between the given instants. */
  public static SigningCredentials generateCa(
      GostParameterSet parameterSet, String commonName, Instant notBefore, Instant notAfter) {
    return selfSigned(
        parameterSet,
        commonName,
        notBefore,
        notAfter,
        KeyUsage.keyCertSign | KeyUsage.cRLSign,
        true);
  }

  private static SigningCredentials selfSigned(
      GostParameterSet parameterSet,
      String commonName,
      Instant notBefore,
      Instant notAfter,
      int keyUsage,
      boolean certificateAuthority) {
    Objects.requireNonNull(parameterSet, "parameterSet");
    Objects.requireNonNull(commonName, "commonName");
    try {
      KeyPair keyPair = generateKeyPair(parameterSet);
      X500Name subject = name(commonName);
      CertificateTemplate template =
          new CertificateTemplate(subject, notBefore, notAfter, keyUsage);
      X509Certificate certificate =
          sign(
              template,
              keyPair.getPublic(),
              subject,
              keyPair.getPrivate(),
              null,
              certificateAuthority);
      return SigningCredentials.of(keyPair.getPrivate(), certificate);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      String what = certificateAuthority ? "test CA" : "test key";
      throw new SigningException(
          "Failed to generate a " + what + " on " + parameterSet + ": " + e.getMessage(), e);
    }
  }

  /**
   * Generates an intermediate test CA issued by {@code ca} (keyUsage keyCertSign and cRLSign,
   * basicConstraints CA:true), valid from one minute ago for {@code validity}.
   */
  public static SigningCredentials issueCa(
      SigningCredentials ca, GostParameterSet parameterSet, String commonName, Duration validity) {
    Instant notBefore = aMinuteAgo();
    CertificateTemplate template =
        new CertificateTemplate(
            name(commonName),
            notBefore,
            notBefore.plus(validity),
            KeyUsage.keyCertSign | KeyUsage.cRLSign);
    return issue(ca, parameterSet, template, true);
  }

  /**
   * Generates a key and an end-entity certificate issued by {@code ca} with keyUsage
   * digitalSignature and nonRepudiation, valid from one minute ago for {@code validity}. The
   * credentials' chain is the CA's certificate followed by the CA's own chain.
   */
  public static SigningCredentials issue(
      SigningCredentials ca, GostParameterSet parameterSet, String commonName, Duration validity) {
    Instant notBefore = aMinuteAgo();
    return issue(
        ca,
        parameterSet,
        commonName,
        notBefore,
        notBefore.plus(validity),
        KeyUsage.digitalSignature | KeyUsage.nonRepudiation);
  }

  /**
   * Generates a key and an end-entity certificate issued by {@code ca}, valid between the given
   * instants, with the given key usage bits.
   *
   * @param keyUsage the bits of Bouncy Castle's {@link KeyUsage}, for example {@code
   *     KeyUsage.keyCertSign} alone for a certificate that may not sign documents
   */
  public static SigningCredentials issue(
      SigningCredentials ca,
      GostParameterSet parameterSet,
      String commonName,
      Instant notBefore,
      Instant notAfter,
      int keyUsage) {
    Objects.requireNonNull(commonName, "commonName");
    return issue(
        ca,
        parameterSet,
        new CertificateTemplate(name(commonName), notBefore, notAfter, keyUsage),
        false);
  }

  private static SigningCredentials issue(
      SigningCredentials ca,
      GostParameterSet parameterSet,
      CertificateTemplate template,
      boolean isCa) {
    Objects.requireNonNull(ca, "ca");
    Objects.requireNonNull(parameterSet, "parameterSet");
    try {
      KeyPair keyPair = generateKeyPair(parameterSet);
      X509Certificate issuer = ca.certificate();
      X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      X509Certificate certificate =
          sign(template, keyPair.getPublic(), issuerName, ca.privateKey(), issuer, isCa);
      List<X509Certificate> chain = new ArrayList<>(ca.certificates());
      return SigningCredentials.of(keyPair.getPrivate(), certificate, chain);
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new SigningException(
          "Failed to issue a test certificate for '" + template.subject() + "': " + e.getMessage(),
          e);
    }
  }

  private static KeyPair generateKeyPair(GostParameterSet parameterSet)
      throws GeneralSecurityException {
    KeyPairGenerator generator =
        KeyPairGenerator.getInstance("ECGOST3410-2012", BouncyCastle.provider());
    generator.initialize(new ECGenParameterSpec(parameterSet.curveName()), RANDOM);
    return generator.generateKeyPair();
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  /** The subject, validity and key usage of a certificate to make. */
  private record CertificateTemplate(
      X500Name subject, Instant notBefore, Instant notAfter, int keyUsage) {}

  private static X509Certificate sign(
      CertificateTemplate template,
      PublicKey publicKey,
      X500Name issuerName,
      PrivateKey issuerKey,
      X509Certificate issuerCertificate,
      boolean ca)
      throws GeneralSecurityException, OperatorCreationException, CertIOException {
    BigInteger serial = new BigInteger(64, RANDOM).setBit(63);
    JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
                issuerName,
                serial,
                Date.from(template.notBefore()),
                Date.from(template.notAfter()),
                template.subject(),
                publicKey)
            .addExtension(Extension.keyUsage, true, new KeyUsage(template.keyUsage()))
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca))
            .addExtension(
                Extension.subjectKeyIdentifier,
                false,
                extensions.createSubjectKeyIdentifier(publicKey));
    if (issuerCertificate != null) {
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          extensions.createAuthorityKeyIdentifier(issuerCertificate));
    }
    String signatureName = GostAlgorithm.forKey(issuerKey).orElseThrow().signatureName();
    return new JcaX509CertificateConverter()
        .setProvider(BouncyCastle.provider())
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder(signatureName)
                    .setProvider(BouncyCastle.provider())
                    .build(issuerKey)));
  }

  /**
   * Writes the private key as PKCS#8 PEM and the certificate with its chain as PEM. With a password
   * the key is an {@code ENCRYPTED PRIVATE KEY} in PBES2 (PBKDF2 with HMAC-SHA256, AES-256-CBC),
   * which Bouncy Castle and OpenSSL both read; without one it is a plain {@code PRIVATE KEY}.
   *
   * @param password the key's password, or null for an unencrypted key
   */
  public static void writePem(
      SigningCredentials credentials, Path keyFile, Path certFile, char[] password) {
    try {
      Files.writeString(keyFile, keyPem(credentials, password), StandardCharsets.US_ASCII);
      Files.writeString(certFile, certificatesPem(credentials), StandardCharsets.US_ASCII);
    } catch (IOException | OperatorCreationException e) {
      throw new SigningException(
          "Failed to write test key '" + keyFile + "' or certificate '" + certFile + "': " + e, e);
    }
  }

  /**
   * Writes the key and certificates as a PKCS#12 file in Bouncy Castle's default format, under the
   * given alias and password.
   */
  public static void writePkcs12(
      SigningCredentials credentials, Path file, char[] password, String alias) {
    try (OutputStream out = Files.newOutputStream(file)) {
      KeyStore store = KeyStore.getInstance(PKCS12_TYPE, BouncyCastle.provider());
      store.load(null, null);
      List<X509Certificate> certificates = credentials.certificates();
      store.setKeyEntry(
          alias, credentials.privateKey(), password, certificates.toArray(new Certificate[0]));
      store.store(out, password);
    } catch (IOException | GeneralSecurityException e) {
      throw new SigningException("Failed to write test PKCS#12 '" + file + "': " + e, e);
    }
  }

  private static String keyPem(SigningCredentials credentials, char[] password)
      throws IOException, OperatorCreationException {
    OutputEncryptor encryptor = null;
    if (password != null) {
      encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
              .setPRF(PKCS8Generator.PRF_HMACSHA256)
              .setIterationCount(PBKDF2_ITERATIONS)
              .setRandom(RANDOM)
              .setProvider(BouncyCastle.provider())
              .setPassword(password)
              .build();
    }
    return toPem(new JcaPKCS8Generator(credentials.privateKey(), encryptor).generate());
  }

  private static String certificatesPem(SigningCredentials credentials) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (X509Certificate certificate : credentials.certificates()) {
        writer.writeObject(certificate);
      }
    }
    return out.toString();
  }

  private static String toPem(Object object) throws IOException {
    Writer out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}
