package org.opentss.verify;

/** Bytes that are not the strict DER the reader expects; the message says what and where. */
final class DerFormatException extends Exception {

    DerFormatException(String message) {
        super(message);
    }
}
