package org.ezpsdk.transport.smev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The transform's output byte for byte. The first three cases are the test cases of the СМЭВ 3
 * methodical recommendations (rules 1, 2 and 6; rules 4 and 5; rules 3, 7 and 8), with their
 * comments reworded; the expected outputs are those the recommendations publish.
 */
class SmevTransformTest {

  @Test
  void dropsDeclarationCommentsAndProcessingInstructions() {
    String input =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- rules 1, 2 and 6: the declaration, this comment and the processing instruction go,
             line breaks go, prefixes are renamed -->
        <?xml-stylesheet type="text/xsl" href="style.xsl"?>

        <elementOne xmlns="http://test/1">
        \t<qwe:elementTwo xmlns:qwe="http://test/2">asd</qwe:elementTwo>
        </elementOne>""";

    assertThat(transform(input))
        .isEqualTo(
            "<ns1:elementOne xmlns:ns1=\"http://test/1\"><ns2:elementTwo"
                + " xmlns:ns2=\"http://test/2\">asd</ns2:elementTwo></ns1:elementOne>");
  }

  @Test
  void declaresNamespacesWhereUsedAndNumbersSiblingsApart() {
    String input =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- rules 4 and 5: unused declarations go, each namespace is declared where used -->
        <?xml-stylesheet type="text/xsl" href="style.xsl"?>

        <elementOne xmlns="http://test/1" xmlns:qwe="http://test/2" xmlns:asd="http://test/3">
        \t<qwe:elementTwo>
        \t\t<asd:elementThree>
        \t\t\t<!-- the default namespace -->
        \t\t\t<elementFour> z x c </elementFour>
        \t\t\t<!-- a second prefix for a namespace declared above -->
        \t\t\t<qqq:elementFive xmlns:qqq="http://test/2"> w w w </qqq:elementFive>
        \t\t</asd:elementThree>
        \t\t<!-- a prefix declared higher than needed yields a new number in a sibling -->
        \t\t<asd:elementSix>eee</asd:elementSix>
        \t</qwe:elementTwo>
        </elementOne>\s""";

    assertThat(transform(input))
        .isEqualTo(
            "<ns1:elementOne xmlns:ns1=\"http://test/1\"><ns2:elementTwo"
                + " xmlns:ns2=\"http://test/2\"><ns3:elementThree xmlns:ns3=\"http://test/3\">"
                + "<ns1:elementFour> z x c </ns1:elementFour><ns2:elementFive> w w w"
                + " </ns2:elementFive></ns3:elementThree><ns4:elementSix"
                + " xmlns:ns4=\"http://test/3\">eee</ns4:elementSix></ns2:elementTwo>"
                + "</ns1:elementOne>");
  }

  @Test
  void sortsAttributesAndWritesEmptyElementAsPair() {
    String input =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- rules 3, 7 and 8: attributes sorted, declarations before attributes, the element's
             namespace first, then those of the attributes in attribute order -->
        <?xml-stylesheet type="text/xsl" href="style.xsl"?>

        <elementOne xmlns="http://test/1" xmlns:qwe="http://test/2" xmlns:asd="http://test/3">
        \t<qwe:elementTwo>
        \t\t<asd:elementThree xmlns:wer="http://test/a" xmlns:zxc="http://test/0" \
        wer:attZ="zzz" attB="bbb" attA="aaa" zxc:attC="ccc" asd:attD="ddd" asd:attE="eee" \
        qwe:attF="fff"/>
        \t</qwe:elementTwo>
        </elementOne>""";

    assertThat(transform(input))
        .isEqualTo(
            "<ns1:elementOne xmlns:ns1=\"http://test/1\"><ns2:elementTwo"
                + " xmlns:ns2=\"http://test/2\"><ns3:elementThree xmlns:ns3=\"http://test/3\""
                + " xmlns:ns4=\"http://test/0\" xmlns:ns5=\"http://test/a\" ns4:attC=\"ccc\""
                + " ns2:attF=\"fff\" ns3:attD=\"ddd\" ns3:attE=\"eee\" ns5:attZ=\"zzz\""
                + " attA=\"aaa\" attB=\"bbb\"></ns3:elementThree></ns2:elementTwo>"
                + "</ns1:elementOne>");
  }

  /** Every rule in one document; the expected bytes were derived by hand from the rules. */
  @Test
  void keepsZeroDropsWhitespaceText() {
    String input =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <?pi data?>
        <r xmlns="urn:a" xmlns:b="urn:b" z="1" b:y="2" a="3">
          <count>0</count>
          <b:empty/>
          <blank>\t \r\n </blank>
          <plain xmlns="">x &amp; &lt;y&gt;</plain>
        </r>""";

    assertThat(transform(input))
        .isEqualTo(
            "<ns1:r xmlns:ns1=\"urn:a\" xmlns:ns2=\"urn:b\" ns2:y=\"2\" a=\"3\" z=\"1\">"
                + "<ns1:count>0</ns1:count><ns2:empty></ns2:empty><ns1:blank></ns1:blank>"
                + "<plain>x &amp; &lt;y&gt;</plain></ns1:r>");
  }

  @Test
  void rejectsMalformedXml() {
    assertThatThrownBy(() -> SmevTransform.apply("<a><b></a>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not well-formed");
  }

  private static String transform(String xml) {
    return new String(
        SmevTransform.apply(xml.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }
}
