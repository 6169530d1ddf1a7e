#!/usr/bin/env bash
# Adds a migration for both providers: scripts/add-migration.sh Name   (run from the repo root)
set -euo pipefail
name=$1
dotnet ef migrations add "$name" --project SmsPortal.Infrastructure --startup-project SmsPortal.Infrastructure --context SqliteSmsPortalDbContext --output-dir Persistence/Migrations/Sqlite --namespace SmsPortal.Infrastructure.Persistence.Migrations.Sqlite
dotnet ef migrations add "$name" --project SmsPortal.Infrastructure --startup-project SmsPortal.Infrastructure --context PostgresSmsPortalDbContext --output-dir Persistence/Migrations/PostgreSql --namespace SmsPortal.Infrastructure.Persistence.Migrations.PostgreSql --no-build
rm -f SmsPortal.Infrastructure/design.db
