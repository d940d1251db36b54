package dev.exhibit.acquire.badsector;

/** What a rescue was doing when its mapfile was saved: the status character of the mapfile's status line. */
public enum RescuePhase {
    COPYING('?'),
    TRIMMING('*'),
    SCRAPING('/'),
    RETRYING('-'),
    FILLING('F'),
    GENERATING('G'),
    FINISHED('+');

    private final char symbol;

    RescuePhase(char symbol) {
        this.symbol = symbol;
    }

    public char symbol() {
        return symbol;
    }

    static RescuePhase of(char symbol) {
        for (RescuePhase p : values()) {
            if (p.symbol == symbol) {
                return p;
            }
        }
        return null;
    }
}
