"""Writes posts.jsonl and reviews.csv, the small corpora of the guide chapter "Your own corpus".

posts.jsonl: 120 forum posts, each with one to three tags of sport, politics, tech and health,
joined by "|"; every tag a post has puts one of its keywords into the text, among neutral words.
reviews.csv: 200 product reviews with a star rating from 1 to 5 that follows the review's words:
3 plus the number of its positive words, or minus the number of its negative words (a review has
one kind or none).

Needs only Python 3 (no packages): python3 make_corpora.py
"""
import csv
import json
import random

random.seed(7)
FILLER = "the a this that we they today yesterday really just also then some new old about".split()
KEYWORDS = {
    "sport": ["football match", "tennis final", "marathon runners", "goal keeper", "league table"],
    "politics": ["election vote", "parliament debate", "minister resigned", "new policy", "senate bill"],
    "tech": ["software update", "new laptop", "phone battery", "open source code", "cloud server"],
    "health": ["doctor visit", "flu vaccine", "healthy diet", "hospital ward", "sleep and exercise"],
}


def sentence(phrases):
    words = []
    for phrase in phrases:
        words += random.sample(FILLER, 2) + phrase.split()
    return " ".join(words + random.sample(FILLER, 2))


with open("posts.jsonl", "w", encoding="utf-8") as out:
    for i in range(120):
        tags = sorted(random.sample(sorted(KEYWORDS), random.choice([1, 1, 2, 2, 3])))
        phrases = [random.choice(KEYWORDS[t]) for t in tags]
        random.shuffle(phrases)
        out.write(json.dumps({"id": i + 1, "text": sentence(phrases), "tags": "|".join(tags)}) + "\n")

POSITIVE = ["great", "excellent", "love", "perfect", "wonderful"]
NEGATIVE = ["awful", "broken", "terrible", "refund", "disappointing"]
NEUTRAL = ["the blender", "this kettle", "my order", "the box", "the colour", "delivery"]

with open("reviews.csv", "w", encoding="utf-8", newline="") as out:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["id", "review", "stars"])
    for i in range(200):
        sentiment = random.choice([-2, -1, 0, 1, 2])
        words = random.sample(POSITIVE if sentiment > 0 else NEGATIVE, abs(sentiment)) + random.sample(NEUTRAL, 2)
        random.shuffle(words)
        writer.writerow([i + 1, sentence(words), 3 + sentiment])
