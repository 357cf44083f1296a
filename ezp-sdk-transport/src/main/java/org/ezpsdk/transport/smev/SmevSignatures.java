package org.ezpsdk.transport.smev;

import java.security.cert.X509Certificate;
import java.util.List;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.ezpsdk.core.error.SigningException;
import org.ezpsdk.signing.SigningCredentials;
import org.ezpsdk.transport.smev.internal.XmlSecurity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The СМЭВ 3 information-system signature (ЭП-ОВ): an XMLDSig signature whose single reference
 * points at the {@code Id} of a signed block ({@code SenderProvidedRequestData}, {@code
 * MessageTypeSelector}, {@code AckTargetMessage}), with the transforms exclusive canonicalization
 * and then {@link SmevTransform}, GOST R 34.10-2012 signature and Streebog digest methods under the
 * CryptoPro URIs ({@code -256} for a 256-bit key, {@code -512} for a 512-bit key), and the signer's
 * certificate in {@code KeyInfo/X509Data/X509Certificate}. Base64 values are on one line and the
 * {@code Signature} element holds no whitespace text.
 *
 * <p>Byte order of {@code SignatureValue}: the 64 (or 128) bytes are s‖r, each big-endian, over the
 * Streebog digest of the canonical {@code SignedInfo} read as a little-endian number. That is the
 * order of GOST signatures in CMS (RFC 4491, RFC 7091), which Bouncy Castle writes and OpenSSL's
 * gost-engine verifies unchanged ({@code openssl dgst -md_gost12_256 -verify} over the canonical
 * {@code SignedInfo}); СМЭВ and CryptoPro's XMLDSig use the same order, so no bytes are reversed
 * here.
 */
public final class SmevSignatures {
  /** The XMLDSig namespace. */
  public static final String DSIG_NS = "http://www.w3.org/2000/09/xmldsig#";

  /** The signature method for 256-bit keys. */
  public static final String SIGNATURE_METHOD_256 = XmlSecurity.SIGNATURE_256;

  /** The signature method for 512-bit keys. */
  public static final String SIGNATURE_METHOD_512 = XmlSecurity.SIGNATURE_512;

  /** The digest method that goes with 256-bit keys. */
  public static final String DIGEST_METHOD_256 = XmlSecurity.DIGEST_256;

  /** The digest method that goes with 512-bit keys. */
  public static final String DIGEST_METHOD_512 = XmlSecurity.DIGEST_512;

  private SmevSignatures() {}

  /**
   * Signs the element and appends the {@code ds:Signature} to the container, which must be in the
   * same document but outside the signed element.
   *
   * @throws IllegalArgumentException when the element has no {@code Id} attribute
   * @throws SigningException when the key cannot sign
   */
  public static Element sign(Element signed, Element container, SigningCredentials credentials) {
    XmlSecurity.init();
    String id = signed.getAttribute("Id");
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "Element " + signed.getLocalName() + " has no Id attribute to sign");
    }
    Document document = signed.getOwnerDocument();
    // Elements built with createElementNS carry no xmlns attributes, which canonicalization needs.
    document.normalizeDocument();
    signed.setIdAttributeNS(null, "Id", true);
    boolean longKey = credentials.keySize() == 512;
    try {
      XMLSignature signature =
          new XMLSignature(
              document,
              "",
              longKey ? SIGNATURE_METHOD_512 : SIGNATURE_METHOD_256,
              Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
      container.appendChild(signature.getElement());
      Transforms transforms = new Transforms(document);
      transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
      transforms.addTransform(SmevTransform.URI);
      signature.addDocument("#" + id, transforms, longKey ? DIGEST_METHOD_512 : DIGEST_METHOD_256);
      signature.addKeyInfo(credentials.certificate());
      removeWhitespace(signature.getElement());
      signature.sign(credentials.privateKey());
      if (removeWhitespace(signature.getElement())) {
        signAgain(signature, credentials);
      }
      return signature.getElement();
    } catch (XMLSecurityException | java.security.GeneralSecurityException e) {
      throw new SigningException(
          "Failed to sign the СМЭВ block "
              + signed.getLocalName()
              + " with the key of "
              + credentials.certificate().getSubjectX500Principal().getName()
              + ": "
              + e.getMessage()
              + "; check that the key is a GOST R 34.10-2012 key Bouncy Castle can use",
          e);
    }
  }

  /**
   * Verifies the {@code ds:Signature} in the container against the element it must sign.
   *
   * @param container the element that holds the signature, such as {@code
   *     CallerInformationSystemSignature}
   * @param expectedTarget the element the signature must reference by {@code Id}
   */
  public static SmevSignatureCheck verify(Element container, Element expectedTarget) {
    XmlSecurity.init();
    Element signatureElement = firstChild(container, DSIG_NS, "Signature");
    if (signatureElement == null) {
      return SmevSignatureCheck.failed(
          SmevSignatureCheck.Failure.NO_SIGNATURE,
          "no ds:Signature in " + container.getLocalName(),
          null);
    }
    registerIds(container.getOwnerDocument().getDocumentElement());
    try {
      XMLSignature signature = new XMLSignature(signatureElement, "", true);
      X509Certificate certificate =
          signature.getKeyInfo() == null ? null : signature.getKeyInfo().getX509Certificate();
      if (certificate == null) {
        return SmevSignatureCheck.failed(
            SmevSignatureCheck.Failure.CERTIFICATE_MISSING,
            "KeyInfo/X509Data/X509Certificate is missing",
            null);
      }
      SmevSignatureCheck profile = checkProfile(signature.getSignedInfo(), expectedTarget);
      if (profile != null) {
        return profile.withCertificate(certificate);
      }
      if (!signature.getSignedInfo().verify(false)) {
        return SmevSignatureCheck.failed(
            SmevSignatureCheck.Failure.DIGEST_MISMATCH,
            "the DigestValue does not match "
                + expectedTarget.getLocalName()
                + ": the signed block changed after signing",
            certificate);
      }
      if (!signature.checkSignatureValue(certificate)) {
        return SmevSignatureCheck.failed(
            SmevSignatureCheck.Failure.SIGNATURE_VALUE_INVALID,
            "the SignatureValue does not verify with the certificate's public key",
            certificate);
      }
      return SmevSignatureCheck.valid(certificate);
    } catch (XMLSecurityException | RuntimeException e) {
      return SmevSignatureCheck.failed(
          SmevSignatureCheck.Failure.MALFORMED,
          "the signature cannot be processed: " + e.getMessage(),
          null);
    }
  }

  private static SmevSignatureCheck checkProfile(SignedInfo signedInfo, Element expectedTarget)
      throws XMLSecurityException {
    String method = signedInfo.getSignatureMethodURI();
    if (!SIGNATURE_METHOD_256.equals(method) && !SIGNATURE_METHOD_512.equals(method)) {
      return SmevSignatureCheck.failed(
          SmevSignatureCheck.Failure.ALGORITHM_NOT_ALLOWED,
          "SignatureMethod " + method + " is not a GOST R 34.10-2012 method",
          null);
    }
    if (signedInfo.getLength() != 1) {
      return SmevSignatureCheck.failed(
          SmevSignatureCheck.Failure.WRONG_TARGET,
          "SignedInfo has " + signedInfo.getLength() + " references, expected 1",
          null);
    }
    Reference reference = signedInfo.item(0);
    String expectedUri = "#" + expectedTarget.getAttribute("Id");
    if (!expectedUri.equals(reference.getURI())) {
      return SmevSignatureCheck.failed(
          SmevSignatureCheck.Failure.WRONG_TARGET,
          "the Reference URI is '"
              + reference.getURI()
              + "', expected '"
              + expectedUri
              + "' of "
              + expectedTarget.getLocalName(),
          null);
    }
    List<String> transforms = transformUris(reference);
    if (!transforms.equals(
        List.of(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS, SmevTransform.URI))) {
      return SmevSignatureCheck.failed(
          SmevSignatureCheck.Failure.ALGORITHM_NOT_ALLOWED,
          "the transforms are "
              + transforms
              + ", expected exclusive c14n then "
              + SmevTransform.URI,
          null);
    }
    return null;
  }

  private static List<String> transformUris(Reference reference) throws XMLSecurityException {
    Transforms transforms = reference.getTransforms();
    if (transforms == null) {
      return List.of();
    }
    java.util.ArrayList<String> uris = new java.util.ArrayList<>();
    for (int i = 0; i < transforms.getLength(); i++) {
      uris.add(transforms.item(i).getURI());
    }
    return uris;
  }

  /** Marks every {@code Id} attribute as an XML ID, so references by {@code #Id} resolve. */
  static void registerIds(Element element) {
    if (element.hasAttributeNS(null, "Id")) {
      element.setIdAttributeNS(null, "Id", true);
    }
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element childElement) {
        registerIds(childElement);
      }
    }
  }

  private static Element firstChild(Element parent, String namespace, String localName) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && namespace.equals(element.getNamespaceURI())
          && localName.equals(element.getLocalName())) {
        return element;
      }
    }
    return null;
  }

  /**
   * Computes the SignatureValue again over the SignedInfo as it is now. Santuario breaks base64
   * lines at 76 characters unless its system property {@code
   * org.apache.xml.security.ignoreLineBreaks} was set before it loaded, so a 512-bit DigestValue
   * (88 characters) is signed with a line break that {@link #removeWhitespace} then removes.
   */
  private static void signAgain(XMLSignature signature, SigningCredentials credentials)
      throws XMLSecurityException, java.security.GeneralSecurityException {
    Element signedInfo = firstChild(signature.getElement(), DSIG_NS, "SignedInfo");
    java.io.ByteArrayOutputStream canonical = new java.io.ByteArrayOutputStream();
    Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
        .canonicalizeSubtree(signedInfo, canonical);
    java.security.Signature signer =
        java.security.Signature.getInstance(
            credentials.keySize() == 512
                ? "GOST3411-2012-512WITHECGOST3410-2012-512"
                : "GOST3411-2012-256WITHECGOST3410-2012-256",
            XmlSecurity.bouncyCastle());
    signer.initSign(credentials.privateKey());
    signer.update(canonical.toByteArray());
    Element value = firstChild(signature.getElement(), DSIG_NS, "SignatureValue");
    value.setTextContent(java.util.Base64.getEncoder().encodeToString(signer.sign()));
  }

  /**
   * Removes whitespace-only text nodes under the element and line breaks inside base64 values,
   * which Santuario writes unless its line-break setting is on.
   *
   * @return true when anything inside {@code SignedInfo} changed
   */
  private static boolean removeWhitespace(Element element) {
    boolean signedInfoChanged = false;
    NodeList children = element.getChildNodes();
    for (int i = children.getLength() - 1; i >= 0; i--) {
      Node child = children.item(i);
      if (child.getNodeType() == Node.TEXT_NODE) {
        String text = child.getNodeValue();
        String compact = text.replaceAll("\\s+", "");
        if (text.isBlank()) {
          element.removeChild(child);
          signedInfoChanged |= isInSignedInfo(element);
        } else if (isBase64Element(element) && !compact.equals(text)) {
          child.setNodeValue(compact);
          signedInfoChanged |= isInSignedInfo(element);
        }
      } else if (child instanceof Element childElement) {
        signedInfoChanged |= removeWhitespace(childElement);
      }
    }
    return signedInfoChanged;
  }

  private static boolean isInSignedInfo(Element element) {
    for (Node node = element; node instanceof Element current; node = node.getParentNode()) {
      if ("SignedInfo".equals(current.getLocalName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBase64Element(Element element) {
    String name = element.getLocalName();
    return name.equals("SignatureValue")
        || name.equals("DigestValue")
        || name.equals("X509Certificate");
  }
}
