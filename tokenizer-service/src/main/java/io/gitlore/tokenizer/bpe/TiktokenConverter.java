package io.gitlore.tokenizer.bpe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Turns tiktoken BPE ranks (GPT-2's {@code r50k_base}, as JTokkit ships them on Maven Central) into a standard
 * HuggingFace {@code tokenizer.json}: a byte-level BPE whose vocabulary ids are the ranks, whose merges are recovered
 * from the ranks, with GPT-2's pre-tokenizer regex and byte-level decoder, plus added special tokens. Byte-level BPE
 * is lossless: every byte sequence has an encoding, and decoding gives the text back exactly.
 */
public final class TiktokenConverter {

    /** GPT-2's end-of-text token, which follows the 50,256 ranked tokens of r50k_base. */
    public static final String END_OF_TEXT = "<|endoftext|>";

    private static final String R50K = "/com/knuddels/jtokkit/r50k_base.tiktoken";
    private static final char[] BYTE_TO_CHAR = byteLevelAlphabet();

    private TiktokenConverter() {
    }

    /** Writes a tokenizer.json for GPT-2's ranks with {@code <|endoftext|>} and the given special tokens after it. */
    public static void writeGpt2(List<String> specialTokens, Path target) {
        try (InputStream ranks = TiktokenConverter.class.getResourceAsStream(R50K)) {
            if (ranks == null) {
                throw new IllegalStateException(R50K + " is not on the classpath (com.knuddels:jtokkit)");
            }
            List<String> specials = new ArrayList<>();
            specials.add(END_OF_TEXT);
            specials.addAll(specialTokens);
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.write(target, toTokenizerJson(readRanks(ranks), specials));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target, e);
        }
    }

    /** Ranked token byte strings, index = rank (each byte held as a char 0-255). */
    static List<String> readRanks(InputStream in) throws IOException {
        List<String> tokens = new ArrayList<>(50_257);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int space = line.indexOf(' ');
                int rank = Integer.parseInt(line.substring(space + 1).trim());
                if (rank != tokens.size()) {
                    throw new IllegalArgumentException("ranks are not dense at " + rank);
                }
                tokens.add(new String(Base64.getDecoder().decode(line.substring(0, space)),
                        StandardCharsets.ISO_8859_1));
            }
        }
        return tokens;
    }

    static byte[] toTokenizerJson(List<String> ranked, List<String> specials) throws IOException {
        Map<String, Integer> rank = new HashMap<>(ranked.size() * 2);
        for (int i = 0; i < ranked.size(); i++) {
            rank.put(ranked.get(i), i);
        }
        Map<String, Integer> vocab = new LinkedHashMap<>();
        List<String> merges = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            String token = ranked.get(i);
            vocab.put(byteLevel(token), i);
            if (token.length() > 1) {
                String[] pair = recoverMerge(token, i, rank);
                merges.add(byteLevel(pair[0]) + " " + byteLevel(pair[1]));
            }
        }
        List<Map<String, Object>> added = new ArrayList<>();
        for (int i = 0; i < specials.size(); i++) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("id", ranked.size() + i);
            t.put("content", specials.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
            added.add(t);
        }
        Map<String, Object> byteLevel = new LinkedHashMap<>();
        byteLevel.put("type", "ByteLevel");
        byteLevel.put("add_prefix_space", false);
        byteLevel.put("trim_offsets", true);
        byteLevel.put("use_regex", true);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("type", "BPE");
        model.put("dropout", null);
        model.put("unk_token", null);
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("vocab", vocab);
        model.put("merges", merges);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", "1.0");
        json.put("truncation", null);
        json.put("padding", null);
        json.put("added_tokens", added);
        json.put("normalizer", null);
        json.put("pre_tokenizer", byteLevel);
        json.put("post_processor", byteLevel);
        json.put("decoder", byteLevel);
        json.put("model", model);
        return new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json);
    }

    /**
     * The merge that produced the token of rank {@code r}: run BPE on the token's bytes with only the merges ranked
     * below {@code r}; what is left are the two parts whose merge makes the token.
     */
    static String[] recoverMerge(String token, int r, Map<String, Integer> rank) {
        List<String> parts = new ArrayList<>(token.length());
        for (int i = 0; i < token.length(); i++) {
            parts.add(token.substring(i, i + 1));
        }
        while (parts.size() > 2) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer pr = rank.get(parts.get(i) + parts.get(i + 1));
                if (pr != null && pr < r && pr < bestRank) {
                    best = i;
                    bestRank = pr;
                }
            }
            if (best < 0) {
                throw new IllegalStateException("no merge path to rank " + r);
            }
            parts.set(best, parts.get(best) + parts.remove(best + 1));
        }
        return new String[] {parts.get(0), parts.get(1)};
    }

    /** A byte string (chars 0-255) in GPT-2's printable byte-level alphabet. */
    static String byteLevel(String bytes) {
        StringBuilder out = new StringBuilder(bytes.length());
        for (int i = 0; i < bytes.length(); i++) {
            out.append(BYTE_TO_CHAR[bytes.charAt(i) & 0xFF]);
        }
        return out.toString();
    }

    /** GPT-2's bytes_to_unicode: printable Latin-1 bytes map to themselves, the rest to 256 and up. */
    private static char[] byteLevelAlphabet() {
        char[] map = new char[256];
        boolean[] direct = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            direct[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            direct[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            direct[b] = true;
        }
        int next = 0;
        for (int b = 0; b < 256; b++) {
            map[b] = direct[b] ? (char) b : (char) (256 + next++);
        }
        return map;
    }
}
