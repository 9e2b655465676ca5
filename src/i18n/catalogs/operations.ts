// Operations (issue 18): whole-database backup and restore from the operator CLI.
import type { AreaCatalog } from "../catalog.js";

const operations = {
  en: {
    "manage.db.terminal_only": "Backups and restores run only from the server's terminal (advo db …), not from chat.",
    "manage.db.file_exists": "{path} already exists: choose another file name, or add --force to overwrite it.",
    "manage.db.not_empty": "The database already holds data (tables: {tables}). Nothing was restored: add --force to replace all of it with the backup.",
    "manage.db.not_a_backup": "{path} is not an Advo database backup.",
    "manage.db.tool_missing": "{tool} is not installed on this machine: PostgreSQL backups need pg_dump and pg_restore (e.g. apt-get install postgresql-client), of the server's major version or newer.",
    "manage.db.failed": "The database operation failed: {reason}",
  },
  es: {
    "manage.db.terminal_only": "Las copias de seguridad y restauraciones solo se ejecutan desde la terminal del servidor (advo db …), no desde el chat.",
    "manage.db.file_exists": "{path} ya existe: elige otro nombre de archivo o añade --force para sobrescribirlo.",
    "manage.db.not_empty": "La base de datos ya contiene datos (tablas: {tables}). No se restauró nada: añade --force para reemplazarlo todo por la copia.",
    "manage.db.not_a_backup": "{path} no es una copia de seguridad de una base de datos de Advo.",
    "manage.db.tool_missing": "{tool} no está instalado en esta máquina: las copias de PostgreSQL necesitan pg_dump y pg_restore (p. ej. apt-get install postgresql-client), de la versión mayor del servidor o posterior.",
    "manage.db.failed": "La operación en la base de datos falló: {reason}",
  },
  fr: {
    "manage.db.terminal_only": "Les sauvegardes et restaurations se lancent uniquement depuis le terminal du serveur (advo db …), pas depuis le chat.",
    "manage.db.file_exists": "{path} existe déjà : choisissez un autre nom de fichier, ou ajoutez --force pour l’écraser.",
    "manage.db.not_empty": "La base de données contient déjà des données (tables : {tables}). Rien n’a été restauré : ajoutez --force pour tout remplacer par la sauvegarde.",
    "manage.db.not_a_backup": "{path} n’est pas une sauvegarde de base de données Advo.",
    "manage.db.tool_missing": "{tool} n’est pas installé sur cette machine : les sauvegardes PostgreSQL demandent pg_dump et pg_restore (par ex. apt-get install postgresql-client), de la version majeure du serveur ou plus récente.",
    "manage.db.failed": "L’opération sur la base de données a échoué : {reason}",
  },
  it: {
    "manage.db.terminal_only": "Backup e ripristini si eseguono solo dal terminale del server (advo db …), non dalla chat.",
    "manage.db.file_exists": "{path} esiste già: scegli un altro nome di file o aggiungi --force per sovrascriverlo.",
    "manage.db.not_empty": "Il database contiene già dati (tabelle: {tables}). Non è stato ripristinato nulla: aggiungi --force per sostituire tutto con il backup.",
    "manage.db.not_a_backup": "{path} non è un backup di un database Advo.",
    "manage.db.tool_missing": "{tool} non è installato su questa macchina: i backup PostgreSQL richiedono pg_dump e pg_restore (ad es. apt-get install postgresql-client), della versione principale del server o successiva.",
    "manage.db.failed": "L’operazione sul database non è riuscita: {reason}",
  },
} satisfies AreaCatalog;

export default operations;
