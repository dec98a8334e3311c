package heaplab.app.console;

import java.util.ArrayList;
import java.util.List;

/**
 * The commands typed so far, walked with Up and Down as a shell does: Up goes to older commands, Down back to newer
 * ones and finally to what was being typed before Up was pressed.
 */
public final class CommandHistory {
    private final List<String> commands = new ArrayList<>();
    private int cursor;
    private String draft = "";

    /** Records a command (not blank, not a repeat of the last one) and resets the walk. */
    public void add(String command) {
        if (!command.isBlank() && (commands.isEmpty() || !commands.get(commands.size() - 1).equals(command))) {
            commands.add(command);
        }
        cursor = commands.size();
        draft = "";
    }

    /** The older command, or null when there is none; current is the text being edited. */
    public String previous(String current) {
        if (cursor == 0) {
            return null;
        }
        if (cursor == commands.size()) {
            draft = current;
        }
        cursor--;
        return commands.get(cursor);
    }

    /** The newer command, the draft after the newest, or null when already there. */
    public String next() {
        if (cursor >= commands.size()) {
            return null;
        }
        cursor++;
        return cursor == commands.size() ? draft : commands.get(cursor);
    }

    public List<String> commands() {
        return List.copyOf(commands);
    }
}
