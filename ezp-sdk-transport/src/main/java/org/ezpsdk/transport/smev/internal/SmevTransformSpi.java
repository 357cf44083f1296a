package org.ezpsdk.transport.smev.internal;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.signature.XMLSignatureByteInput;
import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.transforms.TransformSpi;
import org.apache.xml.security.transforms.TransformationException;
import org.ezpsdk.transport.smev.SmevTransform;
import org.w3c.dom.Element;

/** Santuario's entry point for {@link SmevTransform}, registered by {@link XmlSecurity}. */
public final class SmevTransformSpi extends TransformSpi {

  @Override
  protected String engineGetURI() {
    return SmevTransform.URI;
  }

  /**
   * Returns the transformed bytes as the next input. The output stream is not written to: the
   * reference digests the returned input itself.
   */
  @Override
  protected XMLSignatureInput enginePerformTransform(
      XMLSignatureInput input,
      OutputStream os,
      Element transformElement,
      String baseURI,
      boolean secureValidation)
      throws IOException, CanonicalizationException, TransformationException {
    try {
      XMLSignatureInput output = new XMLSignatureByteInput(SmevTransform.apply(input.getBytes()));
      output.setSecureValidation(secureValidation);
      return output;
    } catch (IllegalArgumentException e) {
      throw new TransformationException(e);
    }
  }
}
