package org.ezpsdk.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.internal.BouncyCastle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link KeySource} implementations behind one interface. */
class KeySourceTest {
  private static final SigningCredentials ORIGINAL =
      TestKeys.generate(GostParameterSet.TC26_256_A, "Key source owner", Duration.ofDays(1));

  @TempDir Path dir;

  @Test
  void pemSourceLoadsAndDescribesWithoutPassword() {
    Path key = dir.resolve("key.pem");
    Path cert = dir.resolve("cert.pem");
    TestKeys.writePem(ORIGINAL, key, cert, "pem secret".toCharArray());

    KeySource source = KeySources.pem(key, cert, "pem secret".toCharArray());

    assertThat(source.load().certificate()).isEqualTo(ORIGINAL.certificate());
    assertThat(source.describe()).contains(key.toString()).doesNotContain("pem secret");
    assertThat(source.toString()).doesNotContain("pem secret");
  }

  @Test
  void pkcs12SourceLoadsAndDescribesWithoutPassword() {
    Path file = dir.resolve("signer.p12");
    TestKeys.writePkcs12(ORIGINAL, file, "p12 secret".toCharArray(), "signer");

    KeySource source = KeySources.pkcs12(file, "p12 secret".toCharArray(), "signer");

    assertThat(source.load().certificate()).isEqualTo(ORIGINAL.certificate());
    assertThat(source.describe()).contains(file.toString()).contains("'signer'");
    assertThat(source.describe()).doesNotContain("p12 secret");
  }

  @Test
  void keyStoreSourceLoadsFromBouncyCastlePkcs12() throws Exception {
    Path file = writeKeyStore(KeyStore.getInstance("PKCS12", BouncyCastle.provider()));

    KeySource source =
        JcaKeyStoreSource.builder()
            .provider("BC")
            .keyStoreType("PKCS12")
            .keyStoreFile(file)
            .storePassword("store secret".toCharArray())
            .alias("signer")
            .build();

    assertThat(source.load().certificate()).isEqualTo(ORIGINAL.certificate());
    assertThat(source.describe()).contains("'PKCS12'").contains("'BC'").contains("'signer'");
    assertThat(source.describe()).doesNotContain("store secret");
  }

  @Test
  void keyStoreSourceLoadsFromJdkPkcs12() throws Exception {
    Path file = writeKeyStore(KeyStore.getInstance("PKCS12"));

    SigningCredentials loaded =
        JcaKeyStoreSource.builder()
            .keyStoreType("PKCS12")
            .keyStoreFile(file)
            .storePassword("store secret".toCharArray())
            .build()
            .load();

    assertThat(loaded.certificate()).isEqualTo(ORIGINAL.certificate());
    assertThat(loaded.keySize()).isEqualTo(256);
  }

  @Test
  void keyStoreSourceRejectsWrongPassword() throws Exception {
    Path file = writeKeyStore(KeyStore.getInstance("PKCS12", BouncyCastle.provider()));
    KeySource source =
        JcaKeyStoreSource.builder()
            .provider("BC")
            .keyStoreType("PKCS12")
            .keyStoreFile(file)
            .storePassword("wrong guess".toCharArray())
            .build();

    assertThatThrownBy(source::load)
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Wrong password")
        .hasMessageContaining(file.toString())
        .hasMessageNotContaining("wrong guess");
  }

  @Test
  void keyStoreSourceRejectsUnknownAlias() throws Exception {
    Path file = writeKeyStore(KeyStore.getInstance("PKCS12", BouncyCastle.provider()));
    KeySource source =
        JcaKeyStoreSource.builder()
            .provider("BC")
            .keyStoreType("PKCS12")
            .keyStoreFile(file)
            .storePassword("store secret".toCharArray())
            .alias("other")
            .build();

    assertThatThrownBy(source::load)
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("Key alias 'other' not found")
        .hasMessageContaining("[signer]");
  }

  @Test
  void keyStoreSourceRejectsMissingProvider() {
    KeySource source =
        JcaKeyStoreSource.builder().provider("JCP").keyStoreType("HDImageStore").build();

    assertThatThrownBy(source::load)
        .isInstanceOf(SigningException.class)
        .hasMessageContaining("JCA provider 'JCP' is not installed");
  }

  private Path writeKeyStore(KeyStore store) throws Exception {
    store.load(null, null);
    store.setKeyEntry(
        "signer",
        ORIGINAL.privateKey(),
        "store secret".toCharArray(),
        ORIGINAL.certificates().toArray(new Certificate[0]));
    Path file = dir.resolve("store.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, "store secret".toCharArray());
    }
    return file;
  }
}
