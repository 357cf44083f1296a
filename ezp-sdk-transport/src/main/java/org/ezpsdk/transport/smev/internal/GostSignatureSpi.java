package org.ezpsdk.transport.smev.internal;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import org.apache.xml.security.algorithms.SignatureAlgorithmSpi;
import org.apache.xml.security.signature.XMLSignatureException;

/**
 * GOST R 34.10-2012 with Streebog for Santuario, on Bouncy Castle's JCA signature. Bouncy Castle
 * writes the signature value as s‖r, each half big-endian, after hashing with the digest read
 * little-endian: the byte order of CMS signatures (RFC 7091, RFC 4491) and of OpenSSL's
 * gost-engine, which СМЭВ's XMLDSig profile uses unchanged.
 */
public abstract class GostSignatureSpi extends SignatureAlgorithmSpi {
  private final String uri;
  private final Signature signature;

  GostSignatureSpi(String uri, String jcaName) {
    this.uri = uri;
    try {
      this.signature = Signature.getInstance(jcaName, XmlSecurity.bouncyCastle());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Bouncy Castle lacks " + jcaName, e);
    }
  }

  @Override
  protected String engineGetURI() {
    return uri;
  }

  @Override
  protected String engineGetJCEAlgorithmString() {
    return signature.getAlgorithm();
  }

  @Override
  protected String engineGetJCEProviderName() {
    return signature.getProvider().getName();
  }

  @Override
  protected void engineUpdate(byte[] input) throws XMLSignatureException {
    engineUpdate(input, 0, input.length);
  }

  @Override
  protected void engineUpdate(byte input) throws XMLSignatureException {
    engineUpdate(new byte[] {input}, 0, 1);
  }

  @Override
  protected void engineUpdate(byte[] buf, int offset, int len) throws XMLSignatureException {
    try {
      signature.update(buf, offset, len);
    } catch (GeneralSecurityException e) {
      throw new XMLSignatureException(e);
    }
  }

  @Override
  protected void engineInitSign(Key key) throws XMLSignatureException {
    engineInitSign(key, (SecureRandom) null);
  }

  @Override
  protected void engineInitSign(Key key, SecureRandom random) throws XMLSignatureException {
    if (!(key instanceof PrivateKey privateKey)) {
      throw new XMLSignatureException("empty", new Object[] {"a GOST private key is required"});
    }
    try {
      if (random == null) {
        signature.initSign(privateKey);
      } else {
        signature.initSign(privateKey, random);
      }
    } catch (GeneralSecurityException e) {
      throw new XMLSignatureException(e);
    }
  }

  @Override
  protected void engineInitSign(Key key, AlgorithmParameterSpec spec) throws XMLSignatureException {
    engineInitSign(key);
  }

  @Override
  protected byte[] engineSign() throws XMLSignatureException {
    try {
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new XMLSignatureException(e);
    }
  }

  @Override
  protected void engineInitVerify(Key key) throws XMLSignatureException {
    if (!(key instanceof PublicKey publicKey)) {
      throw new XMLSignatureException("empty", new Object[] {"a GOST public key is required"});
    }
    try {
      signature.initVerify(publicKey);
    } catch (GeneralSecurityException e) {
      throw new XMLSignatureException(e);
    }
  }

  @Override
  protected boolean engineVerify(byte[] value) throws XMLSignatureException {
    try {
      return signature.verify(value);
    } catch (GeneralSecurityException e) {
      throw new XMLSignatureException(e);
    }
  }

  @Override
  protected void engineSetParameter(AlgorithmParameterSpec params) {
    // GOST signatures take no parameters.
  }

  @Override
  protected void engineSetHMACOutputLength(int length) throws XMLSignatureException {
    throw new XMLSignatureException("empty", new Object[] {"GOST signatures have no HMAC length"});
  }

  /** GOST R 34.10-2012 with a 256-bit key and Streebog-256. */
  public static final class Gost256 extends GostSignatureSpi {
    public Gost256() {
      super(XmlSecurity.SIGNATURE_256, "GOST3411-2012-256WITHECGOST3410-2012-256");
    }
  }

  /** GOST R 34.10-2012 with a 512-bit key and Streebog-512. */
  public static final class Gost512 extends GostSignatureSpi {
    public Gost512() {
      super(XmlSecurity.SIGNATURE_512, "GOST3411-2012-512WITHECGOST3410-2012-512");
    }
  }
}
