/// Common English function words that carry little topic: articles, pronouns, prepositions,
/// conjunctions, auxiliary and modal verbs, and frequent adverbs and determiners, with the usual
/// contractions. Written for this project (lower case, as the tokenizer produces them).
public enum StopWords {
    public static let english: Set<String> = [
        // articles and determiners
        "a", "an", "the", "this", "that", "these", "those", "each", "every", "some", "any", "no", "all",
        "both", "few", "more", "most", "other", "such", "much", "many", "own", "same",
        // pronouns
        "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your",
        "yours", "yourself", "yourselves", "he", "him", "his", "himself", "she", "her", "hers",
        "herself", "it", "its", "itself", "they", "them", "their", "theirs", "themselves", "who",
        "whom", "whose", "which", "what",
        // prepositions
        "about", "above", "after", "against", "at", "before", "between", "by", "down", "during", "for",
        "from", "in", "into", "of", "off", "on", "out", "over", "per", "since", "through", "to",
        "under", "until", "up", "with", "within", "without",
        // conjunctions
        "and", "or", "but", "so", "yet", "if", "because", "while", "whether", "than", "as",
        // auxiliary and modal verbs
        "am", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "having", "do",
        "does", "did", "doing", "done", "can", "could", "should", "will", "would", "may", "might",
        "must",
        // adverbs and other frequent function words
        "not", "only", "very", "too", "also", "just", "then", "there", "here", "when", "where", "why",
        "how", "again", "further", "once", "now", "still", "even", "however",
        // contractions
        "i'm", "i've", "i'll", "you're", "you've", "you'll", "he's", "she's", "it's", "we're", "we've",
        "we'll", "they're", "they've", "they'll", "that's", "there's", "isn't", "aren't", "wasn't",
        "weren't", "don't", "doesn't", "didn't", "haven't", "hasn't", "hadn't", "won't", "wouldn't",
        "can't", "couldn't", "shouldn't",
    ]
}
