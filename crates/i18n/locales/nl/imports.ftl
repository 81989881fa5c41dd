# Imports (issue 16): residents and services from a spreadsheet.
import-field =
    { $field ->
        [display_name] naam
        [phone] telefoon
        [email] e-mail
        [street] straat
        [house_number] huisnummer
        [box_number] bus
        [postcode] postcode
        [neighbourhood] wijk
        [languages] talen
        [preferred_language] taal voor berichten
        [interests] doet graag
        [talents] helpt graag met
        [availability] beschikbaarheid
        [consent_channel] toestemming via
        [consent_date] datum toestemming
        [name] naam
        [description] omschrijving
        [categories] categorieën
        [website] website
        [area] werkgebied
       *[other] { $field }
    }
import-problem =
    { $code ->
        [column_missing] Er is geen kolom voor { $label }; die is verplicht.
        [column_not_found] Het bestand heeft geen kolom „{ $value }”.
        [place_column_missing] Er zijn geen kolommen voor het adres (straat, huisnummer, postcode) en geen kolom voor de wijk.
        [name_missing] De naam ontbreekt.
        [name_invalid] Deze naam kan niet: „{ $value }”.
        [phone_invalid] Dit is geen telefoonnummer: „{ $value }”.
        [email_invalid] Dit is geen e-mailadres: „{ $value }”.
        [address_incomplete] Het adres is onvolledig: { $label } ontbreekt.
        [postcode_invalid] Een postcode heeft vier cijfers, niet „{ $value }”.
        [address_unknown] Dit adres staat niet in het adressenregister: „{ $value }”.
        [neighbourhood_unknown] Er is geen wijk „{ $value }”.
        [place_neighbourhood_centre] Geen adres: het midden van de wijk { $value } wordt gebruikt.
        [place_missing] Er is geen adres en geen wijk.
        [language_unknown] Deze taal kennen we niet: „{ $value }”.
        [message_language_unknown] Berichten gaan in het Nederlands, Frans of Engels, niet „{ $value }”.
        [tag_unknown] „{ $value }” staat niet in de lijst van wat mensen graag doen; het wordt weggelaten.
        [availability_invalid] Dit begrijpen we niet als beschikbaarheid: „{ $value }” (bv. „di namiddag”, „zaterdag”, „altijd”).
        [consent_missing] De toestemming ontbreekt.
        [consent_channel_invalid] Zo kan toestemming niet gegeven zijn: „{ $value }” (zelf, huisbezoek, belronde of doorverwijskaart).
        [consent_date_missing] De datum van de toestemming ontbreekt.
        [consent_date_invalid] Dit is geen datum: „{ $value }” (bv. 31/12/2026).
        [consent_date_future] De toestemming ligt in de toekomst: „{ $value }”.
        [consent_date_old] De toestemming is ouder dan een jaar („{ $value }”): vraag ze opnieuw.
        [duplicate_existing] { $value } is al ingeschreven; deze rij wordt overgeslagen.
        [duplicate_in_file] Dezelfde als rij { $value }; deze rij wordt overgeslagen.
        [row_invalid] Deze rij kan niet: { $value }
        [text_invalid] Deze tekst kan niet: „{ $value }”.
        [category_invalid] Deze categorie kan niet: „{ $value }”.
        [website_invalid] Dit is geen website: „{ $value }”.
       *[other] Probleem: { $code }
    }
import-rejected = { $rows ->
    [one] Eén rij heeft een probleem: er is niets ingevoerd.
   *[other] { $rows } rijen hebben een probleem: er is niets ingevoerd.
}
# The console's import pages.
imports-nav = Invoeren
imports-title = Invoeren uit een rekenblad
imports-lead = Bewoners of diensten uit een rekenblad (CSV of XLSX, de eerste rij met kolomnamen). Eerst kiest u welke kolom wat bevat, dan ziet u per rij wat niet klopt; er wordt pas iets ingevoerd als geen enkele rij een fout heeft.
imports-kind = Wat staat er in het bestand?
imports-kind-neighbours = Bewoners
imports-kind-services = Diensten (sociale kaart)
imports-file = Bestand (CSV of XLSX)
imports-upload = Bestand lezen
imports-file-error =
    { $code ->
        [file_empty] Het bestand is leeg.
        [file_no_headers] De eerste rij heeft geen kolomnamen.
        [file_duplicate_header] Twee kolommen hebben dezelfde naam.
        [file_too_large] Het bestand is te groot (hoogstens 20.000 rijen en 100 kolommen).
       *[other] Dit bestand kunnen we niet lezen: bewaar het als CSV (UTF-8) of XLSX.
    }
imports-map-title = Kolommen kiezen
imports-map-lead = Kies voor elk gegeven de kolom van uw bestand. Wat we herkenden, staat al ingevuld.
imports-headers = Kolommen in het bestand:
imports-rows = rijen
imports-map-caption = Welke kolom bevat wat
imports-col-field = Gegeven
imports-col-column = Kolom
imports-col-row = Rij
imports-col-problem = Wat niet klopt
imports-required = verplicht
imports-no-column = (geen kolom)
imports-check = Controleren
imports-report-title = Controle van het bestand
imports-findings = Bevindingen per rij
imports-whole-file = hele bestand
imports-summary = { $rows } rijen: { $created } in te voeren, { $duplicates } al bekend (overgeslagen), { $errors } met een fout.{ $errors ->
    [0] {""}
   *[other] {" "}Verbeter het bestand en lees het opnieuw: er wordt niets ingevoerd zolang een rij een fout heeft.
}
imports-done = Ingevoerd: { $created } van { $rows } rijen; { $duplicates } al bekend en overgeslagen.
imports-do = Invoeren
imports-again = Een ander bestand invoeren
