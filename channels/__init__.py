"""Rasa input channels of the DEN assistant: small subclasses of Rasa's own connectors.

They fix what the stock connectors get wrong for this project (socket.io session persistence
with python-socketio 5.x, duplicate answers on platform retries, start-up that breaks or calls
the internet when a channel is not configured) and let tests point the outgoing platform API at
a local fake server. `credentials.yml` names them by module path; see README "Channels".
"""

import speedups

speedups.install()  # Rasa imports this package in every server process (credentials.yml)
