package org.neurite.text;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The token-to-index table of a {@link TextVectorization}, as Keras' {@code StringLookup} with
 * {@code mask_token=""} and one OOV index builds it. In {@link OutputMode#INT} mode index 0 is the
 * padding token {@code ""} and index 1 the OOV token {@code "[UNK]"}; in the other modes index 0 is
 * {@code "[UNK]"} and the empty token is dropped. Learned tokens follow the special ones.
 */
final class Vocabulary {
    static final String PADDING = "";
    static final String OOV = "[UNK]";
    /** Ids are stored in float32 tensors, which hold every integer up to 2^24 exactly. */
    static final int MAX_SIZE = 1 << 24;

    private final List<String> tokens;
    private final TokenTable learned = new TokenTable();   // id = index - number of special tokens
    private final int specialCount;
    private final boolean intMode;

    private Vocabulary(boolean intMode, List<String> learnedTokens) {
        this.intMode = intMode;
        List<String> all = new ArrayList<>(specials(intMode));
        all.addAll(learnedTokens);
        this.tokens = List.copyOf(all);
        this.specialCount = specials(intMode).size();
        learnedTokens.forEach(learned::add);
    }

    /** Only the special tokens: what a layer knows before {@code adapt} or {@code setVocabulary}. */
    static Vocabulary empty(OutputMode mode) {
        return new Vocabulary(mode == OutputMode.INT, List.of());
    }

    /** The special tokens followed by {@code learned}, which must not hold them. */
    static Vocabulary of(OutputMode mode, List<String> learned) {
        int size = specials(mode == OutputMode.INT).size() + learned.size();
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("a vocabulary of " + size + " tokens has ids beyond 2^24, which float32 "
                    + "tensors cannot hold exactly; set max_tokens");
        }
        return new Vocabulary(mode == OutputMode.INT, learned);
    }

    /** The special tokens of a mode, in index order. */
    static List<String> specials(boolean intMode) {
        return intMode ? List.of(PADDING, OOV) : List.of(OOV);
    }

    /**
     * Keras' {@code set_vocabulary}: {@code given} may start with the special tokens in their
     * order or leave them out; it may not repeat a token or hold the padding token elsewhere.
     * Returns the learned tokens.
     */
    static List<String> learnedPart(OutputMode mode, List<String> given, Integer maxTokens) {
        if (given.isEmpty()) {
            throw new IllegalArgumentException("cannot set an empty vocabulary");
        }
        List<String> specials = specials(mode == OutputMode.INT);
        List<String> learned = startsWithSpecials(given, specials) ? given.subList(specials.size(), given.size()) : given;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < learned.size(); i++) {
            String token = learned.get(i);
            if (token == null) {
                throw new IllegalArgumentException("vocabulary entry " + i + " is null");
            }
            if (token.equals(PADDING)) {
                throw new IllegalArgumentException("found the padding token \"\" at an unexpected place in the "
                        + "vocabulary; leave the special tokens out, or put them first in this order: " + specials);
            }
            if (!seen.add(token)) {
                throw new IllegalArgumentException("the vocabulary repeats the token '" + token + "'");
            }
        }
        if (maxTokens != null && specials.size() + learned.size() > maxTokens) {
            throw new IllegalArgumentException("a vocabulary of " + (specials.size() + learned.size())
                    + " tokens is larger than max_tokens = " + maxTokens);
        }
        return List.copyOf(learned);
    }

    static boolean startsWithSpecials(List<String> given, List<String> specials) {
        return given.size() >= specials.size() && given.subList(0, specials.size()).equals(specials);
    }

    /**
     * The index of the token {@code chars[from, to)} with String hash {@code hash}: its own, the
     * OOV index, or for an empty token 0 (the padding) in INT mode and -1 (dropped) in the others.
     */
    int lookup(char[] chars, int from, int to, int hash) {
        if (from == to) {
            return intMode ? 0 : -1;
        }
        int id = learned.find(chars, from, to, hash);
        return id >= 0 ? id + specialCount : oovIndex();
    }

    int lookup(String token) {
        char[] chars = token.toCharArray();
        return lookup(chars, 0, chars.length, token.hashCode());
    }

    int oovIndex() {
        return intMode ? 1 : 0;
    }

    int size() {
        return tokens.size();
    }

    /** The tokens in index order, with or without the special ones. */
    List<String> tokens(boolean includeSpecialTokens) {
        return includeSpecialTokens ? tokens : tokens.subList(specialCount, tokens.size());
    }
}
