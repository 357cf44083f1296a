package org.ezpsdk.examples.internal;

/**
 * A JSON text being read, with the names that error messages use for it. The class is not part of
 * the SDK's API.
 *
 * @param name the field of a problem with the whole text, such as the file name {@code letter.json}
 *     or {@code request}; also the root of JSON paths that are empty
 * @param noun how a message names the text, such as {@code the file} or {@code the request body}
 * @param text the text as it was given to the parser
 */
public record JsonSource(String name, String noun, String text) {}
