package org.ezpsdk.core.model;

/**
 * The organisation that sends the letter, as printed in the return address.
 *
 * @param name the sender's name, such as {@code "Арбитражный суд города Москвы"}
 * @param returnAddress where undelivered paper letters go back to
 */
public record Sender(String name, Address returnAddress) {

  public Sender {
    name = Strings.trimToNull(name);
  }

  public static Sender of(String name, Address returnAddress) {
    return new Sender(name, returnAddress);
  }
}
