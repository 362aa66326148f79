from apik_shared.platform.processing.cli import main

raise SystemExit(main())
