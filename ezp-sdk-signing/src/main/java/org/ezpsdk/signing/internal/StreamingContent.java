package org.ezpsdk.signing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.cms.CMSTypedData;

/**
 * Content of type {@code id-data} that is copied from a stream straight into the digest
 * calculators, so a detached signature over a large file needs no buffer of the file's size. It can
 * be written once.
 */
public final class StreamingContent implements CMSTypedData {
  private final InputStream in;
  private long length;
  private boolean consumed;

  public StreamingContent(InputStream in) {
    this.in = in;
  }

  @Override
  public ASN1ObjectIdentifier getContentType() {
    return CMSObjectIdentifiers.data;
  }

  @Override
  public void write(OutputStream out) throws IOException {
    if (consumed) {
      throw new IllegalStateException("Streaming content can be written only once");
    }
    consumed = true;
    length = in.transferTo(out);
  }

  @Override
  public Object getContent() {
    return in;
  }

  /** Returns the number of bytes written so far. */
  public long length() {
    return length;
  }
}
