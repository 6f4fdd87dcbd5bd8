package org.neurite.cli.recipes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.neurite.data.MailMessage;

/** Made-up e-mails for spam tests: offers that sell, notes that plan, each worded a little differently. */
public final class SpamFilterFixtures {
    /** Mails of each class in {@link #recipe()}'s corpus. */
    public static final int PER_CLASS = 30;
    private static final String[] SPAM_WORDS = {"free", "money", "click", "offer", "cheap", "viagra", "winner",
            "cash", "unsubscribe", "discount", "limited", "credit"};
    private static final String[] HAM_WORDS = {"meeting", "minutes", "lunch", "patch", "release", "thanks",
            "review", "tomorrow", "kernel", "build", "agenda", "notes"};

    private SpamFilterFixtures() {
    }

    /** The spam recipe on {@value #PER_CLASS} made-up mails of each class instead of the real corpus. */
    public static SpamFilter recipe() {
        List<MailMessage> mail = new ArrayList<>();
        for (int i = 0; i < 2 * PER_CLASS; i++) {
            boolean spam = i % 2 == 1;
            mail.add(new MailMessage((spam ? "spam-1/" : "easy-ham-1/") + i + ".txt", spam ? "spam-1" : "easy-ham-1",
                    spam, mail(spam, i).getBytes(StandardCharsets.UTF_8)));
        }
        return new SpamFilter(() -> mail);
    }

    /** A raw mail of that class; {@code i} varies the wording (HTML for every third spam). */
    public static String mail(boolean spam, int i) {
        String[] words = spam ? SPAM_WORDS : HAM_WORDS;
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 12; w++) {
            body.append(words[(i * 7 + w * (i % 5 + 1)) % words.length]).append(' ');
        }
        boolean html = spam && i % 3 == 0;
        return "From: " + (spam ? "deals" + i + "@offers.example" : "colleague" + i + "@work.example") + "\n"
                + "Subject: " + words[i % words.length] + " " + words[(i + 3) % words.length] + "\n"
                + "Content-Type: text/" + (html ? "html" : "plain") + "; charset=utf-8\n\n"
                + (html ? "<html><body><p>" + body + "</p></body></html>" : body) + "\n";
    }
}
