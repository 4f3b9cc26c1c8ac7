"""Python basics: variables, loops, functions, lists and dictionaries.

Run it with:  python basics.py
Then change the numbers and names, and add a function of your own.
"""


def average(numbers: list[float]) -> float:
    """Return the mean of a non-empty list of numbers."""
    if not numbers:
        raise ValueError("average() needs at least one number")
    return sum(numbers) / len(numbers)


def count_words(text: str) -> dict[str, int]:
    """Count how often each word appears, ignoring case."""
    counts: dict[str, int] = {}
    for word in text.lower().split():
        counts[word] = counts.get(word, 0) + 1
    return counts


WARM = 20.0  # °C


def main() -> None:
    temperatures = [18.5, 21.0, 19.5, 23.0, 22.5]
    print(f"Average temperature: {average(temperatures):.1f} °C")

    warm_days = [t for t in temperatures if t > WARM]
    print(f"{len(warm_days)} warm days: {warm_days}")

    counts = count_words("the cat sat on the mat and the dog sat too")
    for word, n in sorted(counts.items(), key=lambda item: item[1], reverse=True):
        print(f"{word:>5}: {n}")

    countdown = 3
    while countdown > 0:
        print(countdown)
        countdown -= 1
    print("Done!")


if __name__ == "__main__":
    main()
