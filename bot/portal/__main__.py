from bot.portal.app import main

main()
