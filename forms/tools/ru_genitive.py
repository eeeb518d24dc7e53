#!/usr/bin/env python3
"""forms/tools/ru_genitive.py -- the Russian genitive of every Member State's
UN short name, for the form's "Администрация <name>" (Administration of ...).

Rules of Russian noun and adjective declension applied word by word to
un_name_ru, with the exceptions listed below (indeclinable names, fleeting
vowels, the soft sign, plurals).  A parenthesised part stays as it is.
Prints iso3<TAB>genitive; `--check` compares with the name_ru_gen column of
forms/member-states.tsv, `--write` fills that column.  With `--formal`, the same
for the formal names (formal_ru -> formal_ru_gen): the words up to the noun that
heads the name decline, the name after it stays ("Королевства Испания")."""
import csv, re, sys, os

# whole names whose genitive the rules below do not give
WHOLE = {
    "Бруней-Даруссалам": "Брунея-Даруссалама",
    "Кот-д'Ивуар": "Кот-д'Ивуара",
    "Сент-Китс и Невис": "Сент-Китса и Невиса",
    "Египет": "Египта",
    "Беларусь": "Беларуси",
    "Гвинея-Бисау": "Гвинеи-Бисау",
    "Папуа-Новая Гвинея": "Папуа-Новой Гвинеи",
    "Тимор-Лешти": "Тимора-Лешти",
    "Кабо-Верде": "Кабо-Верде",
    "Буркина-Фасо": "Буркина-Фасо",
    "Сьерра-Леоне": "Сьерра-Леоне",
    # a name in apposition keeps its case (UN usage): "Республики Корея"
    "Республика Корея": "Республики Корея",
    "Республика Молдова": "Республики Молдова",
    "Объединенная Республика Танзания": "Объединенной Республики Танзания",
    "Демократическая Республика Конго": "Демократической Республики Конго",
    "Сан-Томе и Принсипи": "Сан-Томе и Принсипи",
}
# words that do not decline
INDECL = set("""Того Монако Марокко Конго Чили Мали Перу Фиджи Гаити Джибути Кирибати
Малави Сомали Тувалу Науру Самоа Зимбабве Сан-Марино Бангладеш Бурунди Вануату
Эсватини Лесото Антигуа Тобаго и Великобритании Северной Ирландии Никарагуа Палау Америки""".split())

HUSH = "гкхжшщч"

def word_gen(w):
    if w in INDECL:
        return w
    if "-" in w:
        # "Народно-Демократическая", "Коста-Рика", "Сент-Люсия": the last part declines
        head, tail = w.rsplit("-", 1)
        return head + "-" + word_gen(tail)
    # adjectives
    for a, b in (("ская", "ской"), ("ая", "ой"), ("яя", "ей"), ("ые", "ых"), ("ие", "их"),
                 ("ое", "ого"), ("ой", "ого"), ("ый", "ого"), ("ий", "ого"), ("овы", "овых")):
        if w.endswith(a) and w[0].isupper() is not None and len(w) > 4 and a not in ("ий",) or \
           (a == "ой" and w.endswith("той")):
            if a in ("ой",) and not w.endswith("той"):
                continue
            return w[: -len(a)] + b
    # plural nouns
    if w.endswith("Острова"):
        return w[:-1] + "ов"
    if w.endswith(("ланды", "аты", "Штаты")):
        return w[:-1] + "ов"
    if w.endswith(("ины",)):
        return w[:-1]
    # feminine nouns
    if w.endswith("ия") or w.endswith("ея"):
        return w[:-1] + "и"
    if w.endswith("я"):
        return w[:-1] + "и"
    if w.endswith("а"):
        return w[:-1] + ("и" if w[-2] in HUSH else "ы")
    # masculine nouns
    if w.endswith("ий"):
        return w[:-2] + "ия"
    if w.endswith("й"):
        return w[:-1] + "я"
    if w.endswith("ь"):
        return w[:-1] + "я"
    if w.endswith("о"):
        return w[:-1] + "а"
    if re.search("[бвгджзклмнпрстфхцчшщ]$", w):
        return w + "а"
    return w

def genitive(name):
    if name in WHOLE:
        return WHOLE[name]
    m = re.match(r"^(.*?)(\s*\(.*\))?$", name)
    head, paren = m.group(1), m.group(2) or ""
    return " ".join(word_gen(w) for w in head.split(" ")) + paren

# the nouns that head a formal name ("Французская Республика", "Королевство
# Испания"): the words up to the head decline, a name after it stays in
# apposition, as the UN writes it ("Республики Албания", "Королевства Испания")
HEADS = {"Республика": "Республики", "Королевство": "Королевства", "Государство": "Государства",
         "Федерация": "Федерации", "Княжество": "Княжества", "Союз": "Союза",
         "Содружество": "Содружества", "Султанат": "Султаната", "Конфедерация": "Конфедерации",
         "Штаты": "Штатов", "Эмираты": "Эмиратов", "Герцогство": "Герцогства"}

def adj_gen(w):
    if "-" in w:
        head, tail = w.rsplit("-", 1)
        return head + "-" + adj_gen(tail)
    for a, b in (("ая", "ой"), ("яя", "ей"), ("ое", "ого"), ("ее", "его"), ("ые", "ых"), ("ие", "их"),
                 ("ый", "ого"), ("ий", "ого"), ("ой", "ого")):
        if w.endswith(a):
            return w[: -len(a)] + b
    return w

def formal_genitive(formal, short, short_gen):
    """The genitive of a formal name; the short name's when they are one."""
    if formal == short:
        return short_gen
    words = formal.split(" ")
    for i, w in enumerate(words):
        if w in HEADS:
            return " ".join([adj_gen(x) for x in words[:i]] + [HEADS[w]] + words[i + 1:])
    return genitive(formal)

def column(path, rows, hdr, src, col, gen):
    """--write fills column col with gen; --check compares; else prints."""
    if "--write" in sys.argv:
        if col not in hdr:
            hdr.append(col)
            for r in rows[1:]:
                r.append("")
        c = hdr.index(col)
        for r in rows[1:]:
            r[c] = gen.get(r[0], "")
        with open(path, "w", encoding="utf-8", newline="") as f:
            for r in rows:
                f.write("\t".join(r) + "\n")
    elif "--check" in sys.argv:
        c = hdr.index(col)
        bad = [r[0] for r in rows[1:] if r[c] != gen.get(r[0], "")]
        print("differ:", bad)
        sys.exit(1 if bad else 0)
    else:
        for r in rows[1:]:
            print(r[0], r[src], "->", gen.get(r[0], ""), sep="\t")

def main():
    path = os.path.join(os.path.dirname(__file__), "..", "member-states.tsv")
    rows = list(csv.reader(open(path, encoding="utf-8"), delimiter="\t", quoting=csv.QUOTE_NONE))
    hdr = rows[0]
    ru = hdr.index("un_name_ru")
    gen = {r[0]: genitive(r[ru]) for r in rows[1:] if r and r[ru]}
    if "--formal" in sys.argv:
        # formal_ru_gen from formal_ru
        fr, sg = hdr.index("formal_ru"), hdr.index("name_ru_gen")
        fgen = {r[0]: formal_genitive(r[fr], r[ru], r[sg]) for r in rows[1:] if r and r[fr]}
        column(path, rows, hdr, fr, "formal_ru_gen", fgen)
    else:
        column(path, rows, hdr, ru, "name_ru_gen", gen)

if __name__ == "__main__":
    main()
