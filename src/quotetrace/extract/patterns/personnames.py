"""The parts of personal names that are not given names or surnames, across languages. Data only.

Used to tell "Donald Trump Jr." from "Donald Trump" and to key "Bashar al-Assad" as "assad".
"""

from __future__ import annotations

# Generational suffixes: part of who a person is ("Jr." is not his father).
SUFFIXES = frozenset(["jr", "sr", "junior", "senior", "ii", "iii", "iv", "v"])

# Particles before a surname, dropped when keying it ("de Blasio" ~ "Blasio", "al-Assad" ~ "Assad").
PARTICLES = frozenset(["al", "el", "ul", "bin", "ibn", "ben", "abu", "de", "del", "della", "di",
                       "da", "dos", "das", "du", "le", "la", "van", "von", "der", "den", "ter",
                       "zu"])

# Given names common in English-language news and the gender they usually carry: a fallback for
# "he"/"she" when no title ("Mr.", "Mrs.") and no earlier pronoun tells.
GIVEN_NAME_GENDER = {
    **dict.fromkeys(["aaron", "adam", "alan", "albert", "alex", "alexander", "andrew", "anthony", "antonin", "arthur", "barack", "ben", "benjamin", "bernie", "bill", "bob", "brad", "brandon", "brian", "bruce", "carl", "charles", "chris", "christopher", "chuck", "craig", "dan", "daniel", "david", "dennis", "dick", "don", "donald", "doug", "douglas", "ed", "edward", "edwin", "eric", "frank", "fred", "gary", "george", "gerald", "greg", "gregory", "harry", "henry", "howard", "ian", "jack", "jacob", "james", "jared", "jason", "jeb", "jeff", "jeffrey", "jeremy", "jerry", "jim", "jimmy", "joe", "john", "jon", "jonathan", "jose", "joseph", "josh", "joshua", "juan", "justin", "keith", "ken", "kenneth", "kevin", "larry", "lindsey", "mark", "marco", "martin", "matt", "matthew", "michael", "mike", "mitch", "mitt", "muhammad", "newt", "nicholas", "patrick", "paul", "peter", "phil", "philip", "ralph", "randy", "ray", "reince", "richard", "rick", "rob", "robert", "roger", "ron", "ronald", "rudy", "russell", "ryan", "sam", "samuel", "scott", "sean", "stephen", "steve", "steven", "ted", "thomas", "tim", "timothy", "tom", "tony", "vladimir", "walter", "will", "william", "xi", "grant", "rand", "mehmet", "vicente", "enrique", "jorge", "hans", "sherrod", "merrick"], "m"),
    **dict.fromkeys(["alice", "alicia", "amanda", "amy", "angela", "ann", "anna", "anne", "barbara", "betsy", "betty", "carly", "carol", "caroline", "catherine", "chelsea", "christine", "claire", "debbie", "deborah", "diane", "donna", "dorothy", "elizabeth", "ellen", "emily", "emma", "frances", "hannah", "heather", "heidi", "helen", "hillary", "hope", "huma", "ivanka", "jane", "janet", "jean", "jennifer", "jessica", "jill", "joan", "julia", "julie", "kamala", "karen", "kate", "katherine", "kathleen", "kathy", "kellyanne", "kelly", "kimberly", "laura", "lauren", "linda", "lisa", "liz", "lori", "margaret", "maria", "marie", "martha", "mary", "megan", "melania", "melanie", "melissa", "michelle", "nancy", "nicole", "nikki", "olivia", "pamela", "patricia", "rachel", "rebecca", "ruth", "sandra", "sarah", "sharon", "sheryl", "sonia", "stephanie", "susan", "tammy", "theresa", "tulsi", "valerie", "victoria", "virginia", "wendy"], "f"),
}
