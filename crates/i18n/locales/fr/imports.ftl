# Imports (issue 16): residents and services from a spreadsheet.
import-field =
    { $field ->
        [display_name] nom
        [phone] téléphone
        [email] e-mail
        [street] rue
        [house_number] numéro
        [box_number] boîte
        [postcode] code postal
        [neighbourhood] quartier
        [languages] langues
        [preferred_language] langue des messages
        [interests] aime faire
        [talents] aide volontiers pour
        [availability] disponibilités
        [consent_channel] consentement par
        [consent_date] date du consentement
        [name] nom
        [description] description
        [categories] catégories
        [website] site web
        [area] zone
       *[other] { $field }
    }
import-problem =
    { $code ->
        [column_missing] Il n'y a pas de colonne pour { $label } ; elle est obligatoire.
        [column_not_found] Le fichier n'a pas de colonne « { $value } ».
        [place_column_missing] Il n'y a ni colonnes d'adresse (rue, numéro, code postal) ni colonne de quartier.
        [name_missing] Le nom manque.
        [name_invalid] Ce nom n'est pas possible : « { $value } ».
        [phone_invalid] Ce n'est pas un numéro de téléphone : « { $value } ».
        [email_invalid] Ce n'est pas une adresse e-mail : « { $value } ».
        [address_incomplete] L'adresse est incomplète : { $label } manque.
        [postcode_invalid] Un code postal a quatre chiffres, pas « { $value } ».
        [address_unknown] Cette adresse n'est pas dans le registre des adresses : « { $value } ».
        [neighbourhood_unknown] Il n'y a pas de quartier « { $value } ».
        [place_neighbourhood_centre] Pas d'adresse : le centre du quartier { $value } est utilisé.
        [place_missing] Il n'y a ni adresse ni quartier.
        [language_unknown] Nous ne connaissons pas cette langue : « { $value } ».
        [message_language_unknown] Les messages sont en néerlandais, français ou anglais, pas « { $value } ».
        [tag_unknown] « { $value } » n'est pas dans la liste de ce que les gens aiment faire ; il est omis.
        [availability_invalid] Nous ne comprenons pas cette disponibilité : « { $value } » (p. ex. « mardi après-midi », « samedi », « toujours »).
        [consent_missing] Le consentement manque.
        [consent_channel_invalid] Le consentement ne peut pas avoir été donné ainsi : « { $value } » (soi-même, visite à domicile, tournée téléphonique ou carte de référence).
        [consent_date_missing] La date du consentement manque.
        [consent_date_invalid] Ce n'est pas une date : « { $value } » (p. ex. 31/12/2026).
        [consent_date_future] Le consentement est dans le futur : « { $value } ».
        [consent_date_old] Le consentement date de plus d'un an (« { $value } ») : demandez-le à nouveau.
        [duplicate_existing] { $value } est déjà inscrit·e ; cette ligne est ignorée.
        [duplicate_in_file] Identique à la ligne { $value } ; cette ligne est ignorée.
        [row_invalid] Cette ligne n'est pas possible : { $value }
        [text_invalid] Ce texte n'est pas possible : « { $value } ».
        [category_invalid] Cette catégorie n'est pas possible : « { $value } ».
        [website_invalid] Ce n'est pas un site web : « { $value } ».
       *[other] Problème : { $code }
    }
import-rejected = { $rows ->
    [one] Une ligne a un problème : rien n'a été importé.
   *[other] { $rows } lignes ont un problème : rien n'a été importé.
}
# The console's import pages.
imports-nav = Importer
imports-title = Importer depuis un tableur
imports-lead = Des habitants ou des services depuis un tableur (CSV ou XLSX, la première ligne avec les noms de colonnes). Vous choisissez d'abord quelle colonne contient quoi, puis vous voyez ce qui ne va pas par ligne ; rien n'est importé tant qu'une ligne a une erreur.
imports-kind = Que contient le fichier ?
imports-kind-neighbours = Des habitants
imports-kind-services = Des services (carte sociale)
imports-file = Fichier (CSV ou XLSX)
imports-upload = Lire le fichier
imports-file-error =
    { $code ->
        [file_empty] Le fichier est vide.
        [file_no_headers] La première ligne n'a pas de noms de colonnes.
        [file_duplicate_header] Deux colonnes ont le même nom.
        [file_too_large] Le fichier est trop grand (au plus 20 000 lignes et 100 colonnes).
       *[other] Nous ne pouvons pas lire ce fichier : enregistrez-le en CSV (UTF-8) ou XLSX.
    }
imports-map-title = Choisir les colonnes
imports-map-lead = Choisissez pour chaque donnée la colonne de votre fichier. Ce que nous avons reconnu est déjà rempli.
imports-headers = Colonnes du fichier :
imports-rows = lignes
imports-map-caption = Quelle colonne contient quoi
imports-col-field = Donnée
imports-col-column = Colonne
imports-col-row = Ligne
imports-col-problem = Ce qui ne va pas
imports-required = obligatoire
imports-no-column = (pas de colonne)
imports-check = Vérifier
imports-report-title = Vérification du fichier
imports-findings = Constats par ligne
imports-whole-file = tout le fichier
imports-summary = { $rows } lignes : { $created } à importer, { $duplicates } déjà connues (ignorées), { $errors } avec une erreur.{ $errors ->
    [0] {""}
   *[other] {" "}Corrigez le fichier et relisez-le : rien n'est importé tant qu'une ligne a une erreur.
}
imports-done = Importé : { $created } lignes sur { $rows } ; { $duplicates } déjà connues et ignorées.
imports-do = Importer
imports-again = Importer un autre fichier
