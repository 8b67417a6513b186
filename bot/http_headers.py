"""Response headers shared by the web pages (bot.web) and the team pages (bot.team.pages)
that show one person's or one team's results: a module of its own, so that neither package
imports the other."""

# not in any cache (gone when the data is deleted), not in any search engine
PRIVATE = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow"}
