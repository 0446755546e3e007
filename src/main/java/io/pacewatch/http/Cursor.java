package io.pacewatch.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque {@code cursor} of a paged list: the key of the last item of the previous page, in
 * base64url so that clients pass it back as given and do not build their own. A cursor that does
 * not decode is a 400, never a silently restarted list.
 */
final class Cursor {

    private Cursor() {
    }

    static String encode(final String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(final String cursor) {
        try {
            final byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            final String key = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (key.isEmpty()) {
                throw ApiException.badRequest("cursor is empty; pass the one a Link: rel=\"next\" header gave");
            }
            return key;
        } catch (final IllegalArgumentException | CharacterCodingException e) {
            throw ApiException.badRequest("cursor is not one this API gave; pass the one a Link: rel=\"next\" header gave");
        }
    }
}
