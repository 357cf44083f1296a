package org.ezpsdk.core.pdf;

import java.io.IOException;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdfparser.PDFParser;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;

/**
 * PDFBox's parser, changed to distinguish a failure to set up decryption from damage. PDFBox 3.0.8
 * throws a plain IOException both for a damaged file and for encryption that it cannot open with an
 * empty password, such as a certificate (/Filter /Adobe.PubSec) or an unknown security handler.
 */
final class PreflightPdfParser extends PDFParser {

  PreflightPdfParser(RandomAccessRead source) throws IOException {
    super(source, "", null, null, IOUtils.createTempFileOnlyStreamCache());
  }

  @Override
  protected void prepareDecryption() throws IOException {
    try {
      super.prepareDecryption();
    } catch (InvalidPasswordException e) {
      throw e;
    } catch (IOException e) {
      throw new UnsupportedEncryptionException(e);
    }
  }

  /** The file is encrypted in a way that needs more than an empty password to open. */
  static final class UnsupportedEncryptionException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsupportedEncryptionException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
