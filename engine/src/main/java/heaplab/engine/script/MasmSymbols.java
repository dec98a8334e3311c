package heaplab.engine.script;

import heaplab.engine.process.Process;

import java.util.Set;

/** Tokens and names of MASM expressions: numbers in their radixes, operators, scenario variables as symbols. */
final class MasmSymbols {
    private static final Set<String> OPERATOR_WORDS = Set.of("mod", "and", "or", "xor");
    private static final String[] OPERATORS = {">>>", "<<", ">>", "==", "!=", "<=", ">=",
        "+", "-", "*", "/", "%", "&", "|", "^", "~", "(", ")", "<", ">", "="};
    static final Set<String> COMPARISONS = Set.of("=", "==", "!=", "<", ">", "<=", ">=");

    /** Makes the error to throw when a token turns out bad. */
    @FunctionalInterface
    interface ErrorFactory {
        MasmException create();
    }

    private MasmSymbols() {
    }

    static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c == '?' || c == '!' || c == '@';
    }

    /** The index after a run of word characters (letters, digits, _ $ ? ! and the backtick) from {@code from}. */
    static int endOfWord(String text, int from) {
        int end = from;
        while (end < text.length()) {
            char c = text.charAt(end);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '?' || c == '!' || c == '`')) {
                break;
            }
            end++;
        }
        return end;
    }

    /** The operator spelled at the index, longest first, or null. */
    static String operatorAt(String text, int index) {
        for (String operator : OPERATORS) {
            if (text.startsWith(operator, index)) {
                return operator;
            }
        }
        return null;
    }

    static boolean isOperatorWord(String word) {
        return OPERATOR_WORDS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * A number token: {@code 0x} hex, {@code 0n} decimal, {@code 0t} octal, {@code 0y} binary, else hex (an
     * {@code h} suffix allowed); backticks may separate digits; a prefix without digits is 0.
     */
    static long parseNumber(String token, ErrorFactory error) throws MasmException {
        int radix = 16;
        String body = token;
        if (token.length() >= 2 && token.charAt(0) == '0' && "xXnNtTyY".indexOf(token.charAt(1)) >= 0) {
            radix = switch (Character.toLowerCase(token.charAt(1))) {
                case 'x' -> 16;
                case 'n' -> 10;
                case 't' -> 8;
                default -> 2;
            };
            body = token.substring(2);
        } else if (token.length() > 1 && (token.endsWith("h") || token.endsWith("H"))) {
            body = token.substring(0, token.length() - 1);
        }
        if (body.startsWith("`")) {
            throw error.create();
        }
        long value = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '`') {
                continue;
            }
            int digit = Character.digit(c, radix);
            if (digit < 0 || !UnsignedNumbers.fits(value, digit, radix)) {
                throw error.create();
            }
            value = value * radix + digit;
        }
        return value;
    }

    /** True when a word that starts with a letter reads as a hex number ({@code ff}, {@code dead`beef}, {@code ah}). */
    static boolean isHexWord(String word) {
        int end = word.length() > 1 && (word.endsWith("h") || word.endsWith("H")) ? word.length() - 1 : word.length();
        for (int i = 0; i < end; i++) {
            char c = word.charAt(i);
            if (Character.digit(c, 16) < 0 && !(c == '`' && i > 0)) {
                return false;
            }
        }
        return end > 0;
    }

    /**
     * The value of a word: a scenario variable (matched case-sensitively first, then case-insensitively), the
     * address of a structure variable, of a debug CRT global ({@code _crtDbgFlag}, {@code ucrtbased!_crtBreakAlloc}),
     * or a hex number. WinDbg reads a word that spells a hex number as the number;
     * here a variable of exactly that name wins (a student writes {@code db a} for the variable a; {@code 0xa} is the
     * number, {@code !name} the symbol).
     */
    static long resolve(String word, Process process, ErrorFactory unresolved) throws MasmException {
        boolean forcedSymbol = word.startsWith("!");
        String name = forcedSymbol ? word.substring(1) : word;
        if (process.hasVariable(name)) {
            return process.readVariable(name);
        }
        for (String declaration : process.structureDeclarations()) {
            if (declaration.endsWith(" " + name)) {
                // A structure's symbol is its address, as WinDbg evaluates a local structure: dd e shows its bytes.
                return process.structureAddress(declaration, 0);
            }
        }
        long crtGlobal = process.crt().globals().symbolAddress(name);
        if (crtGlobal >= 0) {
            return crtGlobal;
        }
        if (!forcedSymbol && isHexWord(word)) {
            return parseNumber(word, unresolved);
        }
        long code = process.modules().addressOf(name);
        if (code >= 0) {
            return code; // a module or one of its functions: ntdll!RtlAllocateHeap, demo!main
        }
        int bang = name.indexOf('!');
        if (bang > 0 && process.modules().addressOf(name.substring(0, bang)) == process.imageBase()
            && process.hasVariable(name.substring(bang + 1))) {
            return process.variableAddress(name.substring(bang + 1)); // demo!p: the variable's slot, as dps names it
        }
        for (String variable : process.variableNames()) {
            if (variable.equalsIgnoreCase(name)) {
                return process.readVariable(variable);
            }
        }
        throw unresolved.create();
    }
}
