package io.gitlore.scraper.git;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.eclipse.jgit.diff.DiffDriver;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.patch.FileHeader;

/**
 * A {@link DiffFormatter} that, for one {@link DiffEntry}, yields the patch text and the edit list and both file
 * bodies from a single diff computation (JGit would otherwise diff twice for patch and numstat).
 */
final class CapturingDiffFormatter extends DiffFormatter {

    /** What one formatted file produced. {@code a}/{@code b} are null for binary files and absent sides. */
    record Captured(FileHeader header, RawText a, RawText b, byte[] patch) {
    }

    private final ByteArrayOutputStream buffer;
    private FileHeader header;
    private RawText a;
    private RawText b;

    CapturingDiffFormatter() {
        this(new ByteArrayOutputStream(1 << 16));
    }

    private CapturingDiffFormatter(ByteArrayOutputStream buffer) {
        super(buffer);
        this.buffer = buffer;
    }

    Captured capture(DiffEntry entry) throws IOException {
        buffer.reset();
        header = null;
        a = null;
        b = null;
        format(entry);
        flush();
        Captured captured = new Captured(header, a, b, buffer.toByteArray());
        header = null;
        a = null;
        b = null;
        return captured;
    }

    @Override
    public void format(FileHeader head, RawText a, RawText b, DiffDriver driver) throws IOException {
        this.header = head;
        this.a = a;
        this.b = b;
        super.format(head, a, b, driver);
    }
}
