package io.gitlore.scraper.git;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Tells whether raw bytes (a file body, a commit message) are valid UTF-8, the flag records carry as non-UTF-8. */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /** {@code true} for an absent side (nothing to flag). */
    static boolean isUtf8(byte[] content) {
        return content == null || isUtf8(content, 0, content.length);
    }

    static boolean isUtf8(byte[] raw, int off, int len) {
        int i = off;
        int end = off + len;
        // ASCII fast path, eight bytes at a time: any byte with its high bit set ends it.
        while (i + 8 <= end && ((long) LONGS.get(raw, i) & 0x8080808080808080L) == 0) {
            i += 8;
        }
        while (i < end && raw[i] >= 0) {
            i++;
        }
        if (i == end) {
            return true;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw, i, end - i));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
